"""The calendar feed's text: the other person as planning.parties lets the viewer
see them (the same as the API), escaping and folding by the icalendar library."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from planning.ical import planning_calendar
from tests.factories import ClientFactory, IntervenantFactory, InterventionFactory

pytestmark = pytest.mark.django_db
START = datetime(2026, 12, 4, 8, tzinfo=UTC)


@pytest.fixture
def visit(agency):
    jeanne = ClientFactory(agency=agency, first_name="Jeanne", last_name="Roux",
                           address="3 rue des Lilas", postal_code="97200",
                           city="Fort-de-France")  # fmt: skip
    return InterventionFactory(
        client=jeanne,
        intervenant=IntervenantFactory(
            agency=agency, first_name="Paul", last_name="Martin"
        ),
        start=START,
        end=START.replace(hour=10),
        service="Aide, au lever; " + "très long " * 10,
    )


def event(visit, viewer):
    body = planning_calendar(
        person=viewer, items={"interventions": [visit]}, host="h", name="Planning"
    )
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    return Calendar.from_ical(body).walk("VEVENT")[0]


def test_a_family_sees_the_worker_by_first_name_and_initial(visit):
    found = event(visit, visit.client)
    assert str(found["summary"]).endswith(" — Paul M.")
    assert "location" not in found
    assert found["dtstart"].dt == START


def test_a_care_worker_sees_the_client_and_the_address(visit):
    found = event(visit, visit.intervenant)
    assert str(found["summary"]).startswith("Aide, au lever; très long")
    assert str(found["summary"]).endswith(" — Jeanne Roux")
    assert str(found["location"]) == "3 rue des Lilas, 97200 Fort-de-France"
