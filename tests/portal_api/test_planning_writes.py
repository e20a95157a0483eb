from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from home_pages.services import portal_page_configure
from planning.models import Absence, Availability, ChangeLog
from tests.conftest import portal_url, signed_in
from tests.factories import (
    AbsenceFactory,
    ClientFactory,
    InterventionFactory,
    PortalAccountFactory,
)

pytestmark = pytest.mark.django_db
SOON = timezone.now().replace(microsecond=0) + timedelta(days=3)


def hours(start, count):
    return {
        "start": start.isoformat(),
        "end": (start + timedelta(hours=count)).isoformat(),
    }


def planning_api(account, **rights):
    """The account's API client, its portal showing the planning week by week, the
    interventions read-only and the rest as `rights` say."""
    kind = "client" if account.client_id else "intervenant"
    portal_page_configure(
        page=account.person.agency.portals.get(kind=kind).page,
        menu_sections=["planning"],
        planning_default_view="week",
        planning_interventions=["view"],
        **rights,
    )
    return signed_in(account)


@pytest.fixture
def worker_api(agency, intervenant_account):
    return planning_api(
        intervenant_account,
        planning_availabilities=["view", "create", "change", "delete"],
        planning_absences=["view", "create"],
    )


@pytest.fixture
def family_api(agency, client_account):
    return planning_api(
        client_account, planning_absences=["view", "create", "change", "delete"]
    )


def url(key, kind, pk=None):
    return portal_url(key, f"planning/{kind}" + (f"/{pk}" if pk else ""))


W = "alpha-intervenants"
F = "alpha-clients"


class TestActionMatrix:
    @pytest.mark.parametrize(
        "kind,allowed",
        [("availabilities", True), ("absences", True), ("interventions", False)],
    )
    def test_create_follows_the_matrix(self, worker_api, kind, allowed):
        response = worker_api.post(url(W, kind), hours(SOON, 2), format="json")
        if allowed:
            assert response.status_code == 201
            assert response["ETag"] == '"1"'
        else:
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "action_not_allowed"

    def test_change_and_delete_follow_the_matrix(
        self, worker_api, intervenant_account, agency
    ):
        absence = AbsenceFactory(
            intervenant=intervenant_account.intervenant, start=SOON, hours=4
        )
        for method in ("patch", "delete"):
            response = getattr(worker_api, method)(
                url(W, "absences", absence.pk), {}, format="json", HTTP_IF_MATCH='"1"'
            )
            assert response.json()["error"]["code"] == "action_not_allowed"

    def test_an_unknown_kind_is_not_allowed(self, worker_api):
        response = worker_api.post(url(W, "holidays"), hours(SOON, 1), format="json")
        assert response.status_code == 403

    def test_the_planning_section_off_answers_section_disabled(
        self, agency, worker_api
    ):
        portal_page_configure(
            page=agency.portals.get(kind="intervenant").page, menu_sections=["profile"]
        )
        response = worker_api.post(
            url(W, "availabilities"), hours(SOON, 1), format="json"
        )
        assert response.json()["error"]["code"] == "section_disabled"


class TestConcurrency:
    def create(self, api):
        return api.post(url(W, "availabilities"), hours(SOON, 2), format="json").json()

    def test_patch_without_if_match_answers_428(self, worker_api):
        item = self.create(worker_api)
        response = worker_api.patch(
            url(W, "availabilities", item["id"]), {}, format="json"
        )
        assert response.status_code == 428

    def test_a_stale_version_answers_412_and_changes_nothing(self, worker_api):
        item = self.create(worker_api)
        later = hours(SOON + timedelta(hours=1), 2)
        first = worker_api.patch(
            url(W, "availabilities", item["id"]),
            later,
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        assert first.status_code == 200 and first["ETag"] == '"2"'
        second = worker_api.patch(
            url(W, "availabilities", item["id"]),
            hours(SOON, 5),
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        assert second.status_code == 412
        assert second.json()["error"]["code"] == "stale_version"
        assert Availability.objects.get(pk=item["id"]).version == 2

    def test_of_two_racing_writers_only_one_wins(self, intervenant_account, worker_api):
        from access.errors import ApplicationError
        from planning.services import planning_item_update

        item = self.create(worker_api)
        # Both writers read version 1; the second one to write loses.
        write = partial(
            planning_item_update,
            account=intervenant_account,
            kind="availabilities",
            item_id=item["id"],
            version=1,
            values={},
        )
        write()
        with pytest.raises(ApplicationError) as lost:
            write()
        assert lost.value.status == 412

    def test_delete_needs_the_current_version(self, worker_api):
        item = self.create(worker_api)
        target = url(W, "availabilities", item["id"])
        assert worker_api.delete(target).status_code == 428
        assert worker_api.delete(target, HTTP_IF_MATCH='"7"').status_code == 412
        assert worker_api.delete(target, HTTP_IF_MATCH='"1"').status_code == 204
        assert not Availability.objects.filter(pk=item["id"]).exists()


class TestRules:
    def test_an_absence_over_a_visit_is_an_overlap_naming_it(
        self, worker_api, agency, intervenant_account, client_person
    ):
        visit = InterventionFactory(
            client=client_person,
            intervenant=intervenant_account.intervenant,
            start=SOON,
        )
        response = worker_api.post(
            url(W, "absences"), hours(SOON + timedelta(hours=1), 3), format="json"
        )
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "overlap"
        assert error["fields"]["conflict"] == [f"interventions:{visit.pk}"]

    def test_an_availability_may_cover_visits(
        self, worker_api, agency, intervenant_account, client_person
    ):
        InterventionFactory(
            client=client_person,
            intervenant=intervenant_account.intervenant,
            start=SOON,
        )
        response = worker_api.post(
            url(W, "availabilities"), hours(SOON, 8), format="json"
        )
        assert response.status_code == 201

    def test_a_family_may_not_change_a_past_absence(
        self, family_api, agency, client_person
    ):
        past = AbsenceFactory(
            client=client_person, start=timezone.now() - timedelta(days=2), hours=24
        )
        response = family_api.delete(url(F, "absences", past.pk), HTTP_IF_MATCH='"1"')
        assert response.status_code == 403
        assert Absence.objects.filter(pk=past.pk).exists()

    def test_another_persons_item_is_not_found(self, family_api, agency):
        other = AbsenceFactory(client=ClientFactory(agency=agency), start=SOON, hours=1)
        response = family_api.delete(url(F, "absences", other.pk), HTTP_IF_MATCH='"1"')
        assert response.status_code == 404
        assert Absence.objects.filter(pk=other.pk).exists()

    def test_an_intervenant_of_the_same_agency_is_refused_by_the_client_portal(
        self, family_api, intervenant_account
    ):
        api = signed_in(intervenant_account)
        response = api.post(url(F, "absences"), hours(SOON, 1), format="json")
        assert response.status_code == 401

    def test_every_portal_change_is_logged_with_before_and_after(
        self, family_api, client_account
    ):
        created = family_api.post(
            url(F, "absences"), {**hours(SOON, 2), "reason": "Vacances"}, format="json"
        ).json()
        family_api.patch(
            url(F, "absences", created["id"]),
            {"reason": "Hôpital"},
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        family_api.delete(url(F, "absences", created["id"]), HTTP_IF_MATCH='"2"')
        log = list(
            ChangeLog.objects.filter(client=client_account.client).order_by("pk")
        )
        assert [entry.action for entry in log] == ["create", "change", "delete"]
        assert log[1].before["reason"] == "Vacances"
        assert log[1].after["reason"] == "Hôpital"
        assert log[0].account == client_account and log[0].portal_kind == "client"


def test_a_second_account_may_write_for_the_same_person(
    agency, client_person, family_api
):
    second = signed_in(
        PortalAccountFactory(person=client_person, identifier="fils@x.org")
    )
    response = second.post(url(F, "absences"), hours(SOON, 1), format="json")
    assert response.status_code == 201


def test_staff_read_the_change_log_on_the_persons_record(
    client, agency, family_api, client_account
):
    from django.urls import reverse

    from access.models import Client
    from tests.conftest import sign_in
    from tests.factories import StaffFactory

    family_api.post(
        url(F, "absences"), {**hours(SOON, 2), "reason": "Vacances"}, format="json"
    )
    sign_in(client, StaffFactory(agency=agency))
    page = client.get(
        reverse(
            Client.snippet_viewset.get_url_name("edit"), args=[client_account.client_id]
        )
    ).content.decode()
    assert "Modifications du planning" in page
    assert client_account.username in page and "Vacances" in page
