"""Clients and intervenants written by the agency's software, by its references:
validated as the admin's forms validate them (full_clean)."""

from django.db import transaction

from access.models import Client, Intervenant

from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

PEOPLE = {"clients": Client, "intervenants": Intervenant}
FIELDS = ("first_name", "last_name", "email", "phone", "address", "postal_code", "city")


@once_more_on_conflict
@transaction.atomic
def person_upsert(*, agency, resource: str, external_ref: str, values: dict):
    """(person, result): created, updated, or unchanged when every value is already
    the stored one (nothing is written then)."""
    model = PEOPLE[resource]
    values = {name: values[name] for name in FIELDS if name in values}
    person = (
        model.objects.select_for_update()
        .filter(agency=agency, external_ref=external_ref)
        .first()
    )
    if person is None:
        person = model(agency=agency, external_ref=external_ref, **values)
        person.full_clean()
        person.save()
        return person, CREATED
    changed = {n: v for n, v in values.items() if getattr(person, n) != v}
    if not changed:
        return person, UNCHANGED
    for name, value in changed.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    return person, UPDATED


def person_delete(*, agency, resource: str, external_ref: str) -> bool:
    """Deletes the person as the admin does (their planning goes with them);
    False when the agency has no one with this reference."""
    deleted, _counts = (
        PEOPLE[resource]
        .objects.filter(agency=agency, external_ref=external_ref)
        .delete()
    )
    return bool(deleted)


def people_for_agency(*, agency, resource: str):
    """The agency's clients or intervenants (`resource`)."""
    return PEOPLE[resource].objects.filter(agency=agency)
