"""Availabilities and absences by reference: people by theirs, validated as the admin
validates (an intervenant away during one of their visits is a 409 `overlap`)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integration.models import AbsenceRef, AvailabilityRef
from planning.models import Absence, Availability, Intervention
from tests.agency_api.conftest import listed_refs
from tests.factories import (
    AbsenceFactory,
    AgencyFactory,
    AvailabilityFactory,
    ClientFactory,
    IntervenantFactory,
    InterventionFactory,
)
from tests.factories.integration import agency_url

pytestmark = pytest.mark.django_db

START = (timezone.now() + timedelta(days=3)).replace(microsecond=0)


def span(hours=0, length=2):
    start = START + timedelta(hours=hours)
    return {
        "start": start.isoformat(),
        "end": (start + timedelta(hours=length)).isoformat(),
    }


def availability(**changes):
    return {"intervenant": "I-1", **span(), **changes}


def absence(**changes):
    return {"intervenant": "I-1", **span(), "reason": "Congés", **changes}


@pytest.fixture
def api(api, people):
    IntervenantFactory(agency=api.agency, external_ref="I-2")
    return api


class TestAvailabilities:
    def test_put_creates_then_unchanged_then_updated(self, api):
        url = agency_url("availabilities/D-1")
        created = api.put(url, availability(), format="json")
        assert created.status_code == 201, created.content
        body = created.json()
        assert (body["external_ref"], body["intervenant"], body["result"]) == (
            "D-1",
            "I-1",
            "created",
        )
        item = Availability.objects.get(agency=api.agency)
        stamp = item.updated_at

        again = api.put(url, availability(), format="json")
        assert (again.status_code, again.json()["result"]) == (200, "unchanged")
        item.refresh_from_db()
        assert (item.version, item.updated_at) == (1, stamp)

        moved = api.put(url, availability(intervenant="I-2"), format="json")
        assert (moved.status_code, moved.json()["result"]) == (200, "updated")
        item.refresh_from_db()
        assert (item.version, item.intervenant.external_ref) == (2, "I-2")
        assert Availability.objects.count() == AvailabilityRef.objects.count() == 1

    @pytest.mark.parametrize(
        "changes,field",
        [
            ({"intervenant": "INCONNU"}, "intervenant"),
            ({"end": START.isoformat()}, "end"),
            ({"start": "demain"}, "start"),
        ],
    )
    def test_invalid_bodies_are_field_errors(self, api, changes, field):
        answer = api.put(
            agency_url("availabilities/D-1"), availability(**changes), format="json"
        )
        assert answer.status_code == 400
        assert field in answer.json()["error"]["fields"]
        assert not Availability.objects.exists()
        assert not AvailabilityRef.objects.exists()

    def test_a_reference_too_long_is_a_field_error(self, api):
        answer = api.put(
            agency_url(f"availabilities/{'D' * 101}"), availability(), format="json"
        )
        assert answer.status_code == 400
        assert "external_ref" in answer.json()["error"]["fields"]
        assert not Availability.objects.exists()

    def test_get_list_and_delete(self, api):
        api.put(agency_url("availabilities/D-1"), availability(), format="json")
        # Made in the admin: listed, with no reference of the agency's.
        AvailabilityFactory(
            intervenant=IntervenantFactory(agency=api.agency, external_ref="I-9")
        )
        item = api.get(agency_url("availabilities/D-1"))
        assert item.status_code == 200
        assert item.json()["intervenant"] == "I-1"
        assert listed_refs(api, "availabilities") == ["D-1", None]
        assert api.delete(agency_url("availabilities/D-1")).status_code == 204
        assert Availability.objects.count() == 1
        assert not AvailabilityRef.objects.exists()
        assert api.get(agency_url("availabilities/D-1")).status_code == 404
        assert api.delete(agency_url("availabilities/D-1")).status_code == 404

    def test_updated_since(self, api):
        api.put(agency_url("availabilities/D-1"), availability(), format="json")
        Availability.objects.update(updated_at=timezone.now() - timedelta(days=2))
        api.put(
            agency_url("availabilities/D-2"), availability(**span(5)), format="json"
        )
        since = (timezone.now() - timedelta(days=1)).isoformat()
        updated = listed_refs(api, "availabilities", {"updated_since": since})
        assert updated == ["D-2"]
        wrong = api.get(agency_url("availabilities"), {"updated_since": "hier"})
        assert wrong.status_code == 400
        assert "updated_since" in wrong.json()["error"]["fields"]


class TestAbsences:
    def test_put_creates_then_unchanged_then_updated(self, api):
        url = agency_url("absences/A-1")
        created = api.put(url, absence(), format="json")
        assert created.status_code == 201, created.content
        assert created.json()["client"] is None
        assert created.json()["reason"] == "Congés"

        again = api.put(url, absence(), format="json")
        assert again.json()["result"] == "unchanged"
        assert Absence.objects.get().version == 1

        # From the intervenant to a client: one person only, the other cleared.
        to_client = api.put(
            url, absence(intervenant=None, client="C-1", reason=""), format="json"
        )
        assert to_client.json()["result"] == "updated"
        assert (to_client.json()["client"], to_client.json()["intervenant"]) == (
            "C-1",
            None,
        )
        item = Absence.objects.get()
        assert (item.version, item.intervenant, item.reason) == (2, None, "")

    @pytest.mark.parametrize(
        "people", [{"client": "C-1", "intervenant": "I-1"}, {"intervenant": None}]
    )
    def test_exactly_one_person(self, api, people):
        answer = api.put(agency_url("absences/A-1"), absence(**people), format="json")
        assert answer.status_code == 400
        assert answer.json()["error"]["fields"]["non_field_errors"] == [
            "Une absence concerne un client ou un intervenant."
        ]
        assert not Absence.objects.exists()
        assert not AbsenceRef.objects.exists()

    def test_an_intervenant_away_during_a_visit_is_a_409(self, api):
        visit = InterventionFactory(
            client=ClientFactory(agency=api.agency),
            intervenant=api.agency.intervenants.get(external_ref="I-1"),
            start=START,
        )
        answer = api.put(agency_url("absences/A-1"), absence(), format="json")
        assert answer.status_code == 409
        error = answer.json()["error"]
        assert error["code"] == "overlap"
        assert error["message"].startswith("Chevauchement avec l'intervention du")
        assert error["fields"]["conflict"] == [f"interventions:{visit.pk}"]
        assert not Absence.objects.exists()
        # The client's absence takes no intervenant's time; a cancelled visit none.
        assert (
            api.put(
                agency_url("absences/A-1"),
                absence(intervenant=None, client="C-1"),
                format="json",
            ).status_code
            == 201
        )
        Intervention.objects.update(status=Intervention.Status.CANCELLED)
        moved = api.put(agency_url("absences/A-1"), absence(), format="json")
        assert moved.json()["result"] == "updated"

    def test_another_agencys_people_are_unknown_references(self, api):
        ClientFactory(agency=AgencyFactory(), external_ref="C-AILLEURS")
        answer = api.put(
            agency_url("absences/A-1"),
            absence(intervenant=None, client="C-AILLEURS"),
            format="json",
        )
        assert answer.status_code == 400
        assert answer.json()["error"]["fields"]["client"] == [
            "Aucune fiche n'a la référence « C-AILLEURS »."
        ]

    def test_delete(self, api):
        api.put(agency_url("absences/A-1"), absence(), format="json")
        assert api.delete(agency_url("absences/A-1")).status_code == 204
        assert not Absence.objects.exists()
        assert api.get(agency_url("absences/A-1")).status_code == 404


class TestBulk:
    def test_availabilities_one_result_per_row(self, api):
        rows = [
            {"external_ref": "D-1", **availability()},
            {"external_ref": "D-2", **availability(intervenant="INCONNU")},
            {"external_ref": "D-3", **availability(**span(4))},
        ]
        answer = api.post(agency_url("availabilities/bulk"), {"rows": rows}, "json")
        assert answer.status_code == 200, answer.content
        results = answer.json()["results"]
        assert [row["result"] for row in results] == ["created", "error", "created"]
        assert results[1]["fields"] == {
            "intervenant": ["Aucune fiche n'a la référence « INCONNU »."]
        }
        assert (
            results[0]["id"]
            == Availability.objects.get(external__external_ref="D-1").pk
        )

        again = api.post(
            agency_url("availabilities/bulk"), {"rows": [rows[0], rows[2]]}, "json"
        )
        assert [row["result"] for row in again.json()["results"]] == ["unchanged"] * 2

    def test_absences_overlap_is_a_row_error_and_atomic_undoes_the_others(self, api):
        InterventionFactory(
            client=ClientFactory(agency=api.agency),
            intervenant=api.agency.intervenants.get(external_ref="I-1"),
            start=START + timedelta(hours=10),
        )
        rows = [
            {"external_ref": "A-1", **absence(intervenant=None, client="C-1")},
            {"external_ref": "A-2", **absence(**span(9))},
            {"external_ref": "A-3", **absence(intervenant="I-2")},
        ]
        atomic = api.post(
            agency_url("absences/bulk?atomic=true"), {"rows": rows}, format="json"
        )
        assert atomic.status_code == 400
        fields = atomic.json()["error"]["fields"]
        assert set(fields) == {"rows.1.conflict", "rows.1.non_field_errors"}
        assert not Absence.objects.exists()
        assert not AbsenceRef.objects.exists()

        answer = api.post(agency_url("absences/bulk"), {"rows": rows}, format="json")
        results = answer.json()["results"]
        assert [row["result"] for row in results] == ["created", "error", "created"]
        assert results[1]["code"] == "overlap"
        assert Absence.objects.count() == 2

    def test_a_retry_with_the_same_key_writes_nothing(self, api):
        rows = {"rows": [{"external_ref": "A-1", **absence()}]}
        url = agency_url("absences/bulk")
        first = api.post(url, rows, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        Absence.objects.update(reason="Changée entre-temps")
        again = api.post(url, rows, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        assert again.json() == first.json()
        assert again["Idempotent-Replayed"] == "true"
        assert Absence.objects.get().reason == "Changée entre-temps"


class TestQueries:
    @pytest.mark.parametrize("resource", ["availabilities", "absences"])
    def test_a_page_costs_the_same_at_1x_and_10x(
        self, api, resource, django_assert_num_queries
    ):
        def grow(count):
            for _number in range(count):
                intervenant = IntervenantFactory(agency=api.agency)
                client = ClientFactory(agency=api.agency)
                if resource == "availabilities":
                    item = AvailabilityFactory(intervenant=intervenant)
                    AvailabilityRef.objects.create(
                        agency=api.agency, availability=item, external_ref=f"R{item.pk}"
                    )
                else:
                    item = AbsenceFactory(client=client)
                    AbsenceRef.objects.create(
                        agency=api.agency, absence=item, external_ref=f"R{item.pk}"
                    )
                    AbsenceFactory(intervenant=intervenant)  # no reference

        grow(1)
        with CaptureQueriesContext(connection) as once:
            answer = api.get(agency_url(resource))
        assert answer.status_code == 200
        grow(9)
        with django_assert_num_queries(len(once.captured_queries)):
            answer = api.get(agency_url(resource))
        assert len(answer.json()["results"]) == (
            10 if resource == "availabilities" else 20
        )
