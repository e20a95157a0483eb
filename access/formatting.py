"""How times reach staff and people: in the agency's time zone, in the active
language's format. Every app formats agency times through these two functions."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone


def agency_localtime(moment: datetime, agency) -> datetime:
    """The moment on the agency's clock (stored times are UTC)."""
    return timezone.localtime(moment, ZoneInfo(agency.time_zone))


def format_agency_datetime(
    moment: datetime | None, agency, fmt="SHORT_DATETIME_FORMAT"
):
    """`04/12/2026 08:00` in French, on the agency's clock; empty for no moment."""
    if moment is None:
        return ""
    return formats.date_format(agency_localtime(moment, agency), fmt)
