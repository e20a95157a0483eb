"""A person's planning as an iCalendar feed (RFC 5545), times in UTC."""

from datetime import UTC

from django.utils import timezone


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, chunk = [], b""
    for char in line:
        encoded = char.encode()
        if len(chunk) + len(encoded) > (75 if not parts else 74):
            parts.append(chunk.decode())
            chunk = b""
        chunk += encoded
    parts.append(chunk.decode())
    return "\r\n ".join(parts)


def planning_calendar(*, person, items: dict, host: str, name: str) -> str:
    now = _stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Portail//Planning//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for kind, found in items.items():
        for item in found:
            if kind == "interventions":
                if person.portal_kind == "client":
                    who = item.intervenant.first_name if item.intervenant else ""
                    location = ""
                else:
                    who = str(item.client)
                    client = item.client
                    location = f"{client.address}, {client.postal_code} {client.city}"
                summary = " — ".join(
                    p for p in (item.service or "Intervention", who) if p
                )
                status = "CANCELLED" if item.status == "cancelled" else "CONFIRMED"
            elif kind == "availabilities":
                summary, location, status = "Disponibilité", "", "CONFIRMED"
            else:
                summary = f"Absence{' — ' + item.reason if item.reason else ''}"
                location, status = "", "CONFIRMED"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{kind}-{item.pk}@{host}",
                f"DTSTAMP:{now}",
                f"DTSTART:{_stamp(item.start)}",
                f"DTEND:{_stamp(item.end)}",
                f"SUMMARY:{_escape(summary)}",
                f"STATUS:{status}",
                f"SEQUENCE:{item.version}",
            ]
            if location.strip(", "):
                lines.append(f"LOCATION:{_escape(location)}")
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
