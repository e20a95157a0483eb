"""Days in query parameters are bounded before they become instants (issue 11,
item 12): a day Python cannot turn into an instant on the agency's clock was a 500
(OverflowError); it is invalid input, in the API's error shape."""

import pytest

from home_pages.services import portal_page_configure
from portal_api.periods import FIRST_DAY, LAST_DAY
from tests.conftest import on_clock, portal_url, signed_in

pytestmark = pytest.mark.django_db
OUT_OF_RANGE = (
    f"Choisissez une date entre le {FIRST_DAY.isoformat()} "
    f"et le {LAST_DAY.isoformat()}."
)


@pytest.fixture
def client_api(agency, client_account):
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["planning"],
        planning_interventions=["view"],
    )
    return signed_in(client_account)


@pytest.fixture
def intervenant_api(agency, intervenant_account):
    portal_page_configure(
        page=agency.portals.get(kind="intervenant").page, menu_sections=["coupons"]
    )
    return signed_in(intervenant_account)


def assert_invalid(response, *fields):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"] == "Certaines données sont invalides."
    assert error["fields"] == {field: [OUT_OF_RANGE] for field in fields}


class TestPlanningPeriod:
    @pytest.mark.parametrize(
        ("zone", "start", "end"),
        [
            ("Europe/Paris", "0001-01-01", "0001-01-07"),
            ("Indian/Reunion", "0001-01-01", "0001-01-07"),
            ("Europe/Paris", "9999-12-25", "9999-12-31"),
            ("America/Martinique", "9999-12-25", "9999-12-31"),
        ],
    )
    def test_the_first_and_last_days_python_knows_are_invalid_not_a_server_error(
        self, agency, client_api, zone, start, end
    ):
        on_clock(agency, zone)
        response = client_api.get(
            portal_url("alpha-clients", "planning"), {"from": start, "to": end}
        )
        assert_invalid(response, "from", "to")

    def test_one_bad_end_names_only_that_parameter(self, client_api):
        response = client_api.get(
            portal_url("alpha-clients", "planning"),
            {"from": "2026-03-01", "to": "9999-12-31"},
        )
        assert_invalid(response, "to")

    def test_the_bounds_themselves_are_accepted(self, client_api):
        for start, end in (
            (FIRST_DAY, FIRST_DAY.replace(day=7)),
            (LAST_DAY.replace(day=25), LAST_DAY),
        ):
            response = client_api.get(
                portal_url("alpha-clients", "planning"),
                {"from": start.isoformat(), "to": end.isoformat()},
            )
            assert response.status_code == 200, response.content


class TestCouponFilters:
    @pytest.mark.parametrize(
        "params, fields",
        [
            ({"from": "0001-01-01"}, ["from"]),
            ({"to": "9999-12-31"}, ["to"]),
            ({"from": "0001-01-01", "to": "9999-12-31"}, ["from", "to"]),
        ],
    )
    def test_days_python_cannot_place_are_invalid_not_a_server_error(
        self, intervenant_api, params, fields
    ):
        response = intervenant_api.get(
            portal_url("alpha-intervenants", "coupons"), params
        )
        assert_invalid(response, *fields)

    def test_the_bounds_themselves_are_accepted(self, intervenant_api):
        response = intervenant_api.get(
            portal_url("alpha-intervenants", "coupons"),
            {"from": FIRST_DAY.isoformat(), "to": LAST_DAY.isoformat()},
        )
        assert response.status_code == 200, response.content
        assert response.json() == {"results": []}
