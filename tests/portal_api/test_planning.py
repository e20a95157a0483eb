from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from home_pages.services import portal_page_configure
from planning.models import Intervention
from portal_api.planning import PlanningSerializer
from tests.conftest import portal_url, signed_in
from tests.factories import (
    AbsenceFactory,
    AvailabilityFactory,
    ClientFactory,
    IntervenantFactory,
    InterventionFactory,
)

from .declared import assert_written_as_declared

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def at(day, hour, month=3):
    return datetime(2026, month, day, hour, tzinfo=PARIS)


def visit(client, intervenant, day, hour=9, month=3, **fields):
    return InterventionFactory(
        client=client, intervenant=intervenant, start=at(day, hour, month), **fields
    )


@pytest.fixture(autouse=True)
def planning_on(agency):
    for kind, actions in (
        ("client", {"planning_interventions": ["view"], "planning_absences": ["view"]}),
        (
            "intervenant",
            {
                "planning_interventions": ["view"],
                "planning_availabilities": ["view"],
                "planning_absences": ["view"],
            },
        ),
    ):
        portal_page_configure(
            page=agency.portals.get(kind=kind).page,
            menu_sections=["planning"],
            **actions,
        )


@pytest.fixture
def week(agency, client_account, intervenant_account):
    client, worker = client_account.client, intervenant_account.intervenant
    worker.last_name = "Durand"
    worker.save()
    other_client = ClientFactory(agency=agency)
    other_worker = IntervenantFactory(agency=agency)
    return {
        "mine": visit(client, worker, 2, service="Aide au lever"),
        "unstaffed": visit(client, None, 3),
        "neighbour": visit(other_client, other_worker, 2),
        "later": visit(client, worker, 20, month=4),
        "availability": AvailabilityFactory(
            intervenant=worker, start=at(4, 8), hours=10
        ),
        "client_absence": AbsenceFactory(
            client=client, start=at(5, 0), end=at(6, 0), reason="Hôpital"
        ),
    }


def get(account, key, **params):
    return signed_in(account).get(
        portal_url(key, "planning"),
        {"from": "2026-03-01", "to": "2026-03-07", **params},
    )


class TestRead:
    def test_a_client_sees_their_interventions_and_absences_only(
        self, week, client_account
    ):
        body = get(client_account, "alpha-clients").json()
        assert [i["id"] for i in body["interventions"]] == [
            week["mine"].pk,
            week["unstaffed"].pk,
        ]
        assert [a["reason"] for a in body["absences"]] == ["Hôpital"]
        assert body["availabilities"] == []

    def test_a_client_sees_the_intervenant_by_first_name_and_initial(
        self, week, client_account, intervenant_account
    ):
        first = get(client_account, "alpha-clients").json()["interventions"][0]
        assert first["intervenant"] == {
            "first_name": intervenant_account.intervenant.first_name,
            "last_name": "D.",
        }
        assert first["service"] == "Aide au lever" and first["version"] == 1

    def test_an_intervenant_sees_the_client_address_and_phone(
        self, week, intervenant_account, client_person
    ):
        body = get(intervenant_account, "alpha-intervenants").json()
        (only,) = body["interventions"]
        assert only["client"]["address"] == client_person.address
        assert only["client"]["phone"] == client_person.phone
        assert [a["id"] for a in body["availabilities"]] == [week["availability"].pk]

    @pytest.mark.parametrize(
        "account,key",
        [
            ("client_account", "alpha-clients"),
            ("intervenant_account", "alpha-intervenants"),
        ],
    )
    def test_the_planning_is_written_as_the_schema_declares(
        self, request, week, account, key
    ):
        body = get(request.getfixturevalue(account), key).json()
        assert body["interventions"]
        assert_written_as_declared(PlanningSerializer(), body)

    def test_times_are_in_the_agency_time_zone_across_daylight_saving(
        self, agency, client_account, intervenant_account
    ):
        client, worker = client_account.client, intervenant_account.intervenant
        winter = visit(client, worker, 28, hour=9)  # 28 March 2026: UTC+1
        summer = visit(client, worker, 30, hour=9)  # 30 March 2026: UTC+2
        body = get(
            client_account,
            "alpha-clients",
            **{"from": "2026-03-27", "to": "2026-03-31"},
        ).json()
        starts = {i["id"]: i["start"] for i in body["interventions"]}
        assert starts[winter.pk] == "2026-03-28T09:00:00+01:00"
        assert starts[summer.pk] == "2026-03-30T09:00:00+02:00"
        winter.refresh_from_db()
        assert winter.start.utcoffset().total_seconds() == 0  # stored in UTC
        assert winter.start.hour == 8

    def test_kinds_the_portal_does_not_let_view_are_empty(
        self, agency, week, client_account
    ):
        portal_page_configure(
            page=agency.portals.get(kind="client").page, planning_absences=[]
        )
        assert get(client_account, "alpha-clients").json()["absences"] == []

    @pytest.mark.parametrize(
        "params",
        [
            {"to": "2026-05-03"},
            {"from": "2026-03-07", "to": "2026-03-01"},
            {"from": "hier"},
            {"to": ""},
        ],
    )
    def test_bad_ranges_are_invalid(self, week, client_account, params):
        response = get(client_account, "alpha-clients", **params)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid"

    def test_sixty_two_days_are_accepted(self, week, client_account):
        response = get(client_account, "alpha-clients", to="2026-05-01")
        assert response.status_code == 200

    def test_the_planning_section_off_answers_section_disabled(
        self, agency, week, client_account
    ):
        portal_page_configure(
            page=agency.portals.get(kind="client").page, menu_sections=["documents"]
        )
        response = get(client_account, "alpha-clients")
        assert response.json()["error"]["code"] == "section_disabled"

    @pytest.mark.parametrize("per_day", [1, 10])
    def test_query_count_is_fixed(
        self, agency, intervenant_account, per_day, django_assert_num_queries
    ):
        api = signed_in(intervenant_account)
        worker = intervenant_account.intervenant
        for day in range(1, 8):
            for slot in range(per_day):
                visit(ClientFactory(agency=agency), worker, day, hour=slot, hours=1)
            AvailabilityFactory(intervenant=worker, start=at(day, 12), hours=1)
        # Token with its account, person and portal, interventions, their clients,
        # availabilities, absences: the same at ten times the items.
        with django_assert_num_queries(5):
            response = api.get(
                portal_url("alpha-intervenants", "planning"),
                {"from": "2026-03-01", "to": "2026-03-07"},
            )
        assert len(response.json()["interventions"]) == 7 * per_day
        assert len(response.json()["availabilities"]) == 7


ROLE_STATUS = {
    "owner": 200,
    "same_agency_other_person": 200,
    "other_agency": 401,
    "other_portal": 401,
    "anonymous": 401,
}


class TestPlanningByRole:
    @pytest.mark.parametrize("role", ROLE_STATUS)
    def test_each_role_sees_only_its_own_planning(self, roles, week, role):
        response = get(roles[role], "alpha-clients")
        assert response.status_code == ROLE_STATUS[role]
        if response.status_code == 200:
            ids = {i["id"] for i in response.json()["interventions"]}
            own = set(
                Intervention.objects.filter(client=roles[role].client).values_list(
                    "pk", flat=True
                )
            )
            assert ids <= own
