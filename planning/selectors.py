"""Reads of the planning for portal accounts, scoped by the person in the queryset."""

from .models import Absence, Availability, Intervention

KINDS = ("interventions", "availabilities", "absences")


def planning_for_person(*, person, start, end, kinds) -> dict:
    """The person's items overlapping [start, end), sorted, for each kind in `kinds`
    (the kinds their portal lets them view); other kinds are empty."""
    field = person.portal_kind
    # The other party of each visit, by primary key in a second query: joined in,
    # PostgreSQL misjudges how few visits overlap a week and hashes every client of
    # the database instead.
    other = "intervenant" if field == "client" else "client"
    queries = {
        "interventions": Intervention.objects.filter(
            **{field: person}
        ).prefetch_related(other),
        "availabilities": (
            Availability.objects.filter(intervenant=person)
            if field == "intervenant"
            else Availability.objects.none()
        ),
        "absences": Absence.objects.filter(**{field: person}),
    }
    return {
        kind: list(query.overlapping(start, end).order_by("start", "pk"))
        if kind in kinds
        else []
        for kind, query in queries.items()
    }
