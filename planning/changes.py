"""What a change made through a portal reads like for staff: "Modification d'une
absence", then "Début : 04/12/2026 08:00 → 04/12/2026 09:00", fields under their
French labels, times on the agency's clock, people by name. The admin's Planning tab
and the daily e-mail both read the change log through here."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from access.models import Client, Intervenant

from .display import format_when
from .kinds import KINDS

# The change log also records a care worker's own contact details ("profile").
ITEM_MODELS = {
    **{kind.name: kind.model for kind in KINDS.values()},
    "profile": Intervenant,
}
PROFILE_TITLE = _("Modification des coordonnées")
PEOPLE = {"client": Client, "intervenant": Intervenant}
HIDDEN = {"version"}  # the concurrency counter means nothing to staff
EMPTY = "—"


@dataclass
class FieldChange:
    label: str
    before: str | None  # None: the field had no "before" (an addition)
    after: str | None  # None: the field has no "after" (a deletion)

    def __str__(self):
        if self.before is None:
            return f"{self.label} : {self.after}"
        if self.after is None:
            return f"{self.label} : {self.before}"
        return f"{self.label} : {self.before} → {self.after}"


def change_title(entry) -> str:
    """`Ajout d'une absence`; an unknown pair reads as a plain modification."""
    kind = KINDS.get(entry.item_kind)
    if kind is not None:
        title = kind.title(entry.action)
    else:
        title = PROFILE_TITLE if entry.item_kind == "profile" else None
    return str(title or _("Modification"))


def _label(kind, name) -> str:
    model = ITEM_MODELS.get(kind)
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):  # gone from the model: stored name
        return capfirst(name.replace("_", " "))


def _field_position(kind, name) -> tuple[int, str]:
    model = ITEM_MODELS.get(kind)
    names = [field.name for field in model._meta.get_fields()] if model else []
    return (names.index(name) if name in names else len(names), name)


def _people_names(entries) -> dict:
    """{(field, id): name} for every person a batch of entries refers to, in one
    query per kind of person, scoped to the entries' agencies."""
    wanted = {name: set() for name in PEOPLE}
    agencies = set()
    for entry in entries:
        agencies.add(entry.agency_id)
        for values in (entry.before or {}, entry.after or {}):
            for name in PEOPLE:
                if isinstance(values.get(name), int):
                    wanted[name].add(values[name])
    names = {}
    for name, ids in wanted.items():
        if ids:
            people = PEOPLE[name].objects.filter(pk__in=ids, agency__in=agencies)
            names.update({(name, p.pk): str(p) for p in people})
    return names


def _value(name, value, entry, names) -> str:
    if value in (None, ""):
        return EMPTY
    if name in PEOPLE:
        return names.get((name, value), EMPTY)
    if isinstance(value, str) and name in ("start", "end"):
        moment = parse_datetime(value)
        if moment is not None:
            return format_when(moment, entry.agency)
    return str(value)


def field_changes(entry, names=None) -> list[FieldChange]:
    """The entry's fields as staff read them: every value of an addition or a
    deletion, only what moved for a modification."""
    names = _people_names([entry]) if names is None else names
    before, after = entry.before or {}, entry.after or {}
    # In the model's field order: PostgreSQL's jsonb keeps its own key order.
    fields = sorted(
        (n for n in {**before, **after} if n not in HIDDEN),
        key=lambda name: _field_position(entry.item_kind, name),
    )
    changes = []
    for name in fields:
        label = _label(entry.item_kind, name)
        old = _value(name, before.get(name), entry, names) if before else None
        new = _value(name, after.get(name), entry, names) if after else None
        if old is not None and new is not None and old == new:
            continue
        changes.append(FieldChange(label, old, new))
    return changes


@dataclass
class ChangeRow:
    entry: object
    title: str
    at: str
    account: str
    fields: list


def change_rows(entries) -> list[ChangeRow]:
    """Rows for a list of entries (their agency and account selected with them)."""
    entries = list(entries)
    names = _people_names(entries)
    return [
        ChangeRow(
            entry=entry,
            title=change_title(entry),
            at=format_when(entry.at, entry.agency),
            account=entry.account.username if entry.account else EMPTY,
            fields=field_changes(entry, names),
        )
        for entry in entries
    ]
