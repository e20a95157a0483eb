"""Reads of the planning for portal accounts, scoped by the person in the queryset."""

from access.models import Client

from .kinds import INTERVENTIONS, NAMES, own_items
from .models import Coupon


def planning_for_person(*, person, start, end, kinds) -> dict:
    """The person's items overlapping [start, end), sorted, for each kind in `kinds`
    (the kinds their portal lets them view); other kinds are empty."""
    # The other party of each visit, by primary key in a second query: joined in,
    # PostgreSQL misjudges how few visits overlap a week and hashes every client of
    # the database instead.
    other = "intervenant" if person.portal_kind == "client" else "client"
    found = {}
    for kind in NAMES:
        if kind not in kinds:
            found[kind] = []
            continue
        query = own_items(person=person, kind=kind)
        if kind == INTERVENTIONS.name:
            query = query.prefetch_related(other)
        found[kind] = list(query.overlapping(start, end).order_by("start", "pk"))
    return found


def coupons_for_intervenant(*, intervenant, status=None, start=None, end=None):
    """The care worker's coupons with their visit, newest first: of that `status`,
    started from `start` and before `end` (aware datetimes) when given."""
    chosen = {"status": status, "start__gte": start, "start__lt": end}
    return Coupon.objects.filter(
        intervenant=intervenant,
        **{lookup: value for lookup, value in chosen.items() if value},
    ).select_related("intervention")


def client_visited_by(*, intervenant, client_id) -> Client | None:
    """The client with this id if the care worker has a visit of theirs; None
    otherwise (another's client, or no id)."""
    if not client_id:
        return None
    return (
        Client.objects.filter(pk=client_id, interventions__intervenant=intervenant)
        .distinct()
        .first()
    )
