"""Interventions written by the agency's software, by its references: validated as
the admin validates them (full_clean), the overlap rule answering 409 `overlap`.

A bulk request reads ahead (`InterventionBatch`): the people and references of all
its rows in a few queries, instead of four to six queries a row."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.models import Client, Intervenant
from planning.kinds import KINDS
from planning.models import Intervention, OverlapError

from .bulk import bulk_upsert
from .models import InterventionRef
from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

FIELDS = ("client", "intervenant", "start", "end", "status", "service")
PEOPLE = {"client": Client, "intervenant": Intervenant}
# References per IN (...) list: a whole bulk request (MAX_ROWS), so that its
# read-ahead is three queries whatever its size; well under SQLite's (32,766) and
# PostgreSQL's (65,535) limits on a statement's parameters.
CHUNK = 1000


def _unknown(field, ref):
    return ValidationError(
        {field: _("Aucune fiche n'a la référence « %(ref)s ».") % {"ref": ref}}
    )


def _person(model, agency, field, ref):
    if ref is None:
        return None
    person = model.objects.filter(agency=agency, external_ref=ref).first()
    if person is None:
        raise _unknown(field, ref)
    return person


# Check constraints that clean() enforces already, the same rule with its own
# message (planning.models.check_ends_after_start: `end` after `start`). Validating
# them again costs a query in a savepoint, three statements a row, and can only
# agree with clean(): full_clean skips a constraint on a field that already has an
# error. A model with any other constraint has all of them validated.
SAME_AS_CLEAN = {"intervention_ends_after_start"}


def _constraints_repeat_clean(model) -> bool:
    return {c.name for c in model._meta.constraints} <= SAME_AS_CLEAN


def _validate(item, exclude=None, *, fast=False):
    """full_clean (`exclude`: fields already checked by the caller; `fast`: without
    the constraints clean() already enforces); the overlap rule becomes 409, naming
    the item in the way as the portal API does (`interventions:<id>`...)."""
    constraints = not (fast and _constraints_repeat_clean(type(item)))
    try:
        item.full_clean(exclude=exclude, validate_constraints=constraints)
    except ValidationError as error:
        overlap = next(
            (
                found
                for found in getattr(error, "error_dict", {}).get(NON_FIELD_ERRORS, [])
                if isinstance(found, OverlapError)
            ),
            None,
        )
        if overlap is None:
            raise
        conflict = overlap.conflict
        kind = next(k.name for k in KINDS.values() if isinstance(conflict, k.model))
        raise ApplicationError(
            "overlap",
            overlap.messages[0],
            status=409,
            fields={"conflict": [f"{kind}:{conflict.pk}"]},
        ) from error


def _chunks(items):
    items = sorted(set(items))
    return (items[i : i + CHUNK] for i in range(0, len(items), CHUNK))


class InterventionBatch:
    """The interventions of one request by the agency's references. Reads ahead, in
    the caller's transaction, what its rows name: the clients and intervenants by
    reference (the intervenants locked, in id order: the portal's services lock an
    intervenant to write in their time, so that two writers cannot both pass the
    overlap check) and the references with their interventions (locked). Each row
    is then validated and written alone, as a single PUT is.

    `upsert` raises a row's error before writing anything, and keeps its writes in
    a savepoint of its own: a bulk request needs no savepoint per row."""

    def __init__(self, *, agency, rows):
        """`rows`: [(external_ref, values, valid)] as bulk_upsert reads them."""
        self.agency = agency
        valid = [(ref, values) for ref, values, ok in rows if ok]
        self.people = {}
        for field, model in PEOPLE.items():
            wanted = {v.get(field) for _r, v in valid} - {None}
            found = {}
            for refs in _chunks(wanted):
                people = model.objects.filter(agency=agency, external_ref__in=refs)
                if model is Intervenant:
                    people = people.select_for_update().order_by("pk")
                found.update((person.external_ref, person) for person in people)
            # Asked and not found: None, an unknown reference.
            self.people[field] = {ref: found.get(ref) for ref in wanted}
        self.links = {ref: None for ref, _v in valid}
        for refs in _chunks(self.links):
            links = (
                InterventionRef.objects.select_for_update()
                .select_related("intervention")
                .filter(agency=agency, external_ref__in=refs)
                .order_by("pk")
            )
            self.links.update((link.external_ref, link) for link in links)

    def _person(self, field, ref):
        if ref is None:
            return None
        known = self.people[field]
        if ref not in known:  # not read ahead
            known[ref] = (
                PEOPLE[field]
                .objects.filter(agency=self.agency, external_ref=ref)
                .first()
            )
        if known[ref] is None:
            raise _unknown(field, ref)
        return known[ref]

    def _link(self, external_ref):
        if external_ref not in self.links:  # not read ahead, or forgotten
            self.links[external_ref] = (
                InterventionRef.objects.select_for_update()
                .select_related("intervention")
                .filter(agency=self.agency, external_ref=external_ref)
                .first()
            )
        return self.links[external_ref]

    def upsert(self, external_ref, values):
        """(intervention, result), as `intervention_upsert`. A row whose reference
        another writer has just created (its INSERT failing on the unique
        reference) runs once more and finds it."""
        try:
            return self._upsert(external_ref, values)
        except IntegrityError:
            return self._upsert(external_ref, values)

    def _upsert(self, external_ref, values):
        try:
            return self._write(external_ref, values)
        except BaseException:
            # Its intervention may hold the rejected values, or its INSERT have
            # failed: read the reference again if it comes back.
            self.links.pop(external_ref, None)
            raise

    def _write(self, external_ref, values):
        # No `intervenant` key (an import without the column): the visit keeps its
        # intervenant; a new one has none yet. The API always sends the key.
        values = {
            **values,
            **{
                name: self._person(name, values[name])
                for name in PEOPLE
                if name in values
            },
        }
        # Foreign keys full_clean need not read again, one query each: the agency is
        # the caller's, the people were found by reference in it just now.
        known = ["agency", *(name for name in PEOPLE if values.get(name) is not None)]
        link = self._link(external_ref)
        if link is None:
            link = InterventionRef(agency=self.agency, external_ref=external_ref)
            # The reference's own rules (its length) before anything is written.
            link.full_clean(
                exclude=["agency", "intervention"], validate_constraints=False
            )
            item = Intervention(agency=self.agency, **values)
            _validate(item, exclude=known, fast=True)
            with transaction.atomic():
                item.save()
                link.intervention = item
                link.save()
            self.links[external_ref] = link
            return item, CREATED
        item = link.intervention
        changed = {}
        for name, value in values.items():
            if name in PEOPLE:
                if getattr(item, f"{name}_id") != getattr(value, "pk", None):
                    changed[name] = value
                elif value is not None:
                    setattr(item, name, value)  # the same row: no query to read it
            elif getattr(item, name) != value:
                changed[name] = value
        if not changed:
            return item, UNCHANGED
        for name, value in changed.items():
            setattr(item, name, value)
        _validate(item, exclude=known, fast=True)
        # A new version: a portal holding the old one must read it again (ETag).
        item.version += 1
        with transaction.atomic():
            item.save()
        return item, UPDATED


@once_more_on_conflict
@transaction.atomic
def intervention_upsert(*, agency, external_ref: str, values: dict):
    """(intervention, result). `values["client"]` and `["intervenant"]` are the
    agency's references (the intervenant's may be None: not yet staffed)."""
    batch = InterventionBatch(agency=agency, rows=[(external_ref, values, True)])
    return batch._upsert(external_ref, values)


def intervention_bulk_upsert(*, agency, rows, atomic: bool) -> list[dict]:
    """bulk_upsert of interventions: the rows' people and references read ahead,
    each row then validated and written as `intervention_upsert` does."""
    with transaction.atomic():
        batch = InterventionBatch(agency=agency, rows=rows)
        return bulk_upsert(
            rows=rows, upsert=batch.upsert, atomic=atomic, savepoints=False
        )


def intervention_delete(*, agency, external_ref: str) -> bool:
    deleted, _counts = Intervention.objects.filter(
        agency=agency,
        external__agency=agency,
        external__external_ref=external_ref,
    ).delete()
    return bool(deleted)
