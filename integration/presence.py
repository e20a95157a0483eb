"""Availabilities and absences written by the agency's software, by its references:
validated as the admin validates them (full_clean), an intervenant's absence over
one of their visits answering 409 `overlap` as an intervention does."""

from django.db import transaction

from access.models import Client, Intervenant
from planning.models import Absence, Availability

from .models import AbsenceRef, AvailabilityRef

# Helpers of integration/planning.py, imported rather than copied so that the
# three kinds resolve references, report overlaps and are deleted in one way.
from .planning import _person, _validate, item_delete_by_ref
from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

# kind: (model, its reference model, the reference's field naming the item)
PRESENCE = {
    "availabilities": (Availability, AvailabilityRef, "availability"),
    "absences": (Absence, AbsenceRef, "absence"),
}


def _resolve(agency, values: dict) -> dict:
    """The agency's references of the people as rows of this agency (400 naming
    the field when unknown)."""
    resolved = dict(values)
    if "client" in values:
        resolved["client"] = _person(Client, agency, "client", values["client"])
    if "intervenant" in values:
        resolved["intervenant"] = _person(
            Intervenant, agency, "intervenant", values["intervenant"]
        )
    return resolved


@once_more_on_conflict
@transaction.atomic
def presence_upsert(*, agency, kind: str, external_ref: str, values: dict):
    """(item, result) for an availability (`values`: intervenant, start, end) or an
    absence (client or intervenant, start, end, reason); people by the agency's
    references. Unchanged when every value is the stored one: nothing is written."""
    model, ref_model, field = PRESENCE[kind]
    values = _resolve(agency, values)
    if kind == "absences" and values.get("intervenant") is not None:
        # Serialises the writes touching one intervenant's time, as the portal's
        # services and intervention_upsert do: two writers cannot both pass the
        # overlap check. (Availabilities have no overlap rule.)
        list(
            Intervenant.objects.select_for_update().filter(pk=values["intervenant"].pk)
        )
    link = (
        ref_model.objects.select_for_update()
        .select_related(field)
        .filter(agency=agency, external_ref=external_ref)
        .first()
    )
    if link is None:
        link = ref_model(agency=agency, external_ref=external_ref)
        # The reference's own rules (its length) before anything is written.
        link.full_clean(exclude=[field], validate_constraints=False)
        item = model(agency=agency, **values)
        _validate(item)
        item.save()
        setattr(link, field, item)
        link.save()
        return item, CREATED
    item = getattr(link, field)
    changed = {
        name: value
        for name, value in values.items()
        if _stored(item, name) != _id_or_value(value)
    }
    if not changed:
        return item, UNCHANGED
    for name, value in changed.items():
        setattr(item, name, value)
    _validate(item)
    # A new version: a portal holding the old one must read it again (ETag).
    item.version += 1
    item.save()
    return item, UPDATED


def _stored(item, name):
    # People compared by id: no query for the stored person.
    if name in ("client", "intervenant"):
        return getattr(item, f"{name}_id")
    return getattr(item, name)


def _id_or_value(value):
    return getattr(value, "pk", value)


def presence_delete(*, agency, kind: str, external_ref: str) -> bool:
    model = PRESENCE[kind][0]
    return item_delete_by_ref(model, agency=agency, external_ref=external_ref)


def presence_for_agency(*, agency, kind: str):
    """The agency's items of one kind, with what their answers name (people's and
    the item's references) in the same query."""
    model = PRESENCE[kind][0]
    people = ("intervenant",) if kind == "availabilities" else ("client", "intervenant")
    return model.objects.filter(agency=agency).select_related(*people, "external")
