"""The outbox's one writer, and the receivers that call it.

Why signals: `integration` sits above the domain apps (it imports `planning` for the
agency's intervention references), and DESIGN.md section 2 forbids a domain app to
import it. So the domain services send `access.events.domain_event` (the planning
and profiles: a signal of their own, with the change's details), inside their
transaction, and the receivers here record the event. Django signals run
synchronously in the sender's thread, so the row is written in the same transaction
as the change and rolls back with it."""

from django.db import connection

from access.events import domain_event
from access.services.profile import profile_changed
from planning.services import planning_changed

from .models import Event
from .webhooks import webhooks_fan_out

# The first key of the agency's advisory lock (the second is the agency's id): an
# arbitrary constant naming the outbox among the database's advisory locks.
OUTBOX_LOCK = 15_001

PLANNING_TYPES = {
    "create": Event.Type.PLANNING_CREATED,
    "change": Event.Type.PLANNING_CHANGED,
    "delete": Event.Type.PLANNING_DELETED,
}


def event_record(*, agency, type: str, data: dict) -> Event:
    """One event of `agency` (an Agency or its id); call it inside the change's
    transaction. `data`: ids only."""
    agency_id = getattr(agency, "pk", agency)
    if connection.vendor == "postgresql":
        # Ids are drawn at insert but seen at commit: without this, a transaction
        # drawing id 10 could commit after another's id 11 was read, and a feed past
        # 11 would never show 10. The agency's lock, held to commit, makes its events
        # commit in id order. SQLite's IMMEDIATE transactions already serialise
        # every writer.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [OUTBOX_LOCK, agency_id]
            )
    event = Event.objects.create(agency_id=agency_id, type=Event.Type(type), data=data)
    # Its webhook deliveries in the same transaction, queued once it commits.
    webhooks_fan_out(event)
    return event


def _planning(sender, *, agency_id, kind, item_id, action, **kwargs) -> None:
    event_record(
        agency=agency_id,
        type=PLANNING_TYPES[action],
        data={"kind": kind, "id": item_id},
    )


def _profile(sender, *, account, person, **kwargs) -> None:
    event_record(
        agency=person.agency_id,
        type=Event.Type.PROFILE_CHANGED,
        data={person.portal_kind: person.pk, "account": account.pk},
    )


def _event(sender, *, agency_id, type, data, **kwargs) -> None:
    # The domain services that name their event type and its ids themselves.
    event_record(agency=agency_id, type=type, data=data)


def connect() -> None:
    planning_changed.connect(_planning, dispatch_uid="integration_planning_event")
    profile_changed.connect(_profile, dispatch_uid="integration_profile_event")
    domain_event.connect(_event, dispatch_uid="integration_domain_event")


def events_after(*, agency, after: int):
    """The agency's events after the id `after`, oldest first."""
    return Event.objects.filter(agency=agency, pk__gt=after).order_by("pk")
