"""A person's planning as an iCalendar feed (RFC 5545), times in UTC.

The `icalendar` library writes the text (escaping, line folding); the other person
of a visit appears as planning.parties lets the viewer see them.
"""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from . import parties


def _describe(kind: str, item, viewer_kind: str) -> tuple[str, str]:
    """(summary, location) of one item as its viewer may read them."""
    if kind == "interventions":
        party = parties.other_party(item, viewer_kind)
        summary = " — ".join(
            p
            for p in (item.service or "Intervention", parties.display_name(party))
            if p
        )
        return summary, parties.address(party)
    if kind == "availabilities":
        return "Disponibilité", ""
    return " — ".join(p for p in ("Absence", item.reason) if p), ""


def planning_calendar(*, person, items: dict, host: str, name: str) -> bytes:
    now = timezone.now().astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Portail//Planning//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for kind, found in items.items():
        for item in found:
            summary, location = _describe(kind, item, person.portal_kind)
            event = Event()
            event.add("uid", f"{kind}-{item.pk}@{host}")
            event.add("dtstamp", now)
            event.add("dtstart", item.start.astimezone(UTC))
            event.add("dtend", item.end.astimezone(UTC))
            event.add("summary", summary)
            cancelled = getattr(item, "status", None) == "cancelled"
            event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
            event.add("sequence", item.version)
            if location:
                event.add("location", location)
            calendar.add_component(event)
    return calendar.to_ical()
