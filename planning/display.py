"""How planning times and names read in French: on the agency's clock (through
access/formatting.py), a span written once, and the elision of agency names."""

from django.utils import formats
from django.utils.translation import gettext as _

from access.formatting import agency_localtime, format_agency_datetime

VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")


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


def format_hours(start, end, agency) -> str:
    """`08:00–10:00` (the end's day added when it is another day)."""
    local_start, local_end = (
        agency_localtime(start, agency),
        agency_localtime(end, agency),
    )
    end_text = formats.time_format(local_end, "H:i")
    if local_start.date() != local_end.date():
        end_text = format_when(end, agency)
    return f"{formats.time_format(local_start, 'H:i')}–{end_text}"


def of_name(name: str) -> str:
    """`d'Agence Démo`, `de Soins Plus`: French elision before a vowel."""
    name = str(name)
    if name[:1].lower() in VOWELS:
        return f"d'{name}"
    return f"de {name}"
