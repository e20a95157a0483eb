"""How planning times read in French, on the agency's clock (through
access/formatting.py): one moment, or a span written once. `of_name` (elision of
agency names) is access's, re-exported for the planning's templates and e-mails."""

from django.utils import formats
from django.utils.translation import gettext as _

from access.formatting import agency_localtime, format_agency_datetime, of_name

__all__ = ["format_span", "format_when", "of_name"]


def format_when(moment, agency) -> str:
    """`04/12/2026 08:00` on the agency's clock."""
    return format_agency_datetime(moment, agency)


def format_span(start, end, agency) -> str:
    """`04/12/2026 de 08:00 à 10:00` within a day, `04/12/2026 08:00 au 05/12/2026
    18:00` across days; both on the agency's clock."""
    if start is None or end is None:
        return format_when(start or end, agency)
    local_start, local_end = (
        agency_localtime(start, agency),
        agency_localtime(end, agency),
    )
    if local_start.date() == local_end.date():
        return _("%(day)s de %(start)s à %(end)s") % {
            "day": formats.date_format(local_start, "SHORT_DATE_FORMAT"),
            "start": formats.time_format(local_start, "H:i"),
            "end": formats.time_format(local_end, "H:i"),
        }
    return _("%(start)s au %(end)s") % {
        "start": format_when(start, agency),
        "end": format_when(end, agency),
    }
