"""The planning speaks on the agency's clock: titles, overlap messages, spans."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from planning.display import format_span, of_name
from planning.models import Absence, Availability, Coupon, Intervention
from tests.factories import (
    AbsenceFactory,
    AvailabilityFactory,
    ClientFactory,
    CouponFactory,
)
from tests.planning.conftest import MORNING, visit

pytestmark = pytest.mark.django_db


class TestTitlesOnTheAgencyClock:
    def test_an_intervention_reads_in_agency_time(self, reunion, people):
        item = visit(*people)
        assert (
            str(Intervention.objects.get(pk=item.pk))
            == "Jeanne Roux — 04/12/2026 08:00"
        )

    def test_an_availability_reads_in_agency_time(self, reunion, people):
        item = AvailabilityFactory(intervenant=people[1], start=MORNING, hours=8)
        assert str(item) == "Inès Durand — 04/12/2026 08:00"

    def test_an_absence_reads_as_a_span_in_agency_time(self, reunion, people):
        item = AbsenceFactory(
            client=people[0], start=MORNING, end=MORNING + timedelta(days=1, hours=2)
        )
        assert str(item) == "Jeanne Roux — 04/12/2026 08:00 au 05/12/2026 10:00"

    def test_a_coupon_reads_in_agency_time(self, reunion, people):
        coupon = CouponFactory(intervention=visit(*people))
        assert str(coupon) == "Inès Durand — 04/12/2026 08:00"


class TestOverlapMessage:
    def test_it_names_the_other_visit_in_agency_time_without_names(
        self, reunion, people
    ):
        visit(*people)
        other_client = ClientFactory(agency=reunion)
        second = Intervention(
            agency=reunion,
            client=other_client,
            intervenant=people[1],
            start=MORNING + timedelta(hours=1),
            end=MORNING + timedelta(hours=3),
        )
        with pytest.raises(ValidationError) as error:
            second.full_clean()
        assert error.value.messages == [
            "Chevauchement avec l'intervention du 04/12/2026 de 08:00 à 10:00."
        ]
        assert "Jeanne" not in error.value.messages[0]

    def test_an_absence_over_a_visit_names_the_visit(self, reunion, people):
        visit(*people)
        absence = Absence(
            agency=reunion,
            intervenant=people[1],
            start=MORNING - timedelta(days=1),
            end=MORNING + timedelta(days=1),
        )
        with pytest.raises(ValidationError, match="l'intervention du 04/12/2026"):
            absence.full_clean()


class TestFrench:
    def test_spans_across_days_name_both_days(self, reunion):
        assert (
            format_span(MORNING, MORNING + timedelta(hours=20), reunion)
            == "04/12/2026 08:00 au 05/12/2026 04:00"
        )

    @pytest.mark.parametrize(
        "name,expected",
        [
            ("Agence Démo", "d'Agence Démo"),
            ("Écoute et Soins", "d'Écoute et Soins"),
            ("Soins Plus", "de Soins Plus"),
        ],
    )
    def test_names_are_elided_before_a_vowel(self, name, expected):
        assert of_name(name) == expected

    def test_models_and_statuses_have_french_labels(self):
        assert Intervention._meta.verbose_name == "intervention"
        assert Availability._meta.verbose_name == "disponibilité"
        assert Coupon._meta.get_field("start").verbose_name == "début déclaré"
        assert Intervention.Status("done").label == "Réalisée"
        assert Coupon.Status("rejected").label == "Refusé"
