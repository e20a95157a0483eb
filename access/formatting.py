"""How times reach staff and people: in the agency's time zone, in the active
language's format. Every app formats agency times through these two functions."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation


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


ELIDING_INITIALS = set("aeiouyàâäéèêëîïôöùûüÿæœh")


def of_name(name: str) -> str:
    """`d'Agence Démo`, `de Soins Plus`: French elides "de" before a vowel or an h
    (an aspirated h, rare in agency names, is not told apart); `of Agence Démo` in
    another language."""
    if not (translation.get_language() or "fr").startswith("fr"):
        return f"of {name}"
    if name[:1].lower() in ELIDING_INITIALS:
        return f"d'{name}"
    return f"de {name}"


def mask_email(address: str) -> str:
    """c***@e***.fr: enough for its owner to recognise the address, no more."""
    local, _at, domain = address.partition("@")
    name, dot, tld = domain.rpartition(".")
    return f"{local[:1]}***@{name[:1]}***{dot}{tld}"
