from datetime import UTC, datetime

from django.utils import translation

from access.formatting import format_agency_datetime, of_name
from access.models import Agency


def test_de_is_elided_before_a_vowel_or_h():
    with translation.override("fr"):
        assert of_name("Agence Démo") == "d'Agence Démo"
        assert of_name("Écoute et Soins") == "d'Écoute et Soins"
        assert of_name("Harmonie") == "d'Harmonie"
        assert of_name("Soins Plus") == "de Soins Plus"
    with translation.override("en"):
        assert of_name("Agence Démo") == "of Agence Démo"


def test_times_are_shown_on_the_agency_clock():
    moment = datetime(2026, 12, 4, 7, 0, tzinfo=UTC)
    with translation.override("fr"):
        assert format_agency_datetime(moment, Agency(time_zone="Europe/Paris")) == (
            "04/12/2026 08:00"
        )
        assert format_agency_datetime(moment, Agency(time_zone="America/Cayenne")) == (
            "04/12/2026 04:00"
        )
        assert format_agency_datetime(None, Agency()) == ""
