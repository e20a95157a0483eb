"""`POST {resource}/bulk`: one result per row through the same services as a PUT;
`?atomic=true` all or nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from access.models import Client
from planning.models import Intervention
from tests.factories import ClientFactory, IntervenantFactory
from tests.factories.integration import agency_url

pytestmark = pytest.mark.django_db

START = (timezone.now() + timedelta(days=3)).replace(microsecond=0)


def person(ref, **changes):
    return {"external_ref": ref, "first_name": "Paul", "last_name": ref, **changes}


def test_one_result_per_row(api):
    ClientFactory(agency=api.agency, external_ref="SAME", first_name="Paul",
                  last_name="SAME", email="", phone="", address="", postal_code="",
                  city="")  # fmt: skip
    ClientFactory(agency=api.agency, external_ref="OLD", first_name="Paul")
    rows = [
        person("NEW"),
        person("SAME"),
        person("OLD", city="Lyon"),
        person("BAD", email="pas-un-email"),
        {"first_name": "Sans référence"},
    ]
    answer = api.post(agency_url("clients/bulk"), {"rows": rows}, format="json")
    assert answer.status_code == 200, answer.content
    results = answer.json()["results"]
    assert [row["result"] for row in results] == [
        "created", "unchanged", "updated", "error", "error"
    ]  # fmt: skip
    assert results[3]["fields"] == {"email": ["Saisissez une adresse e-mail valide."]}
    assert results[3]["message"] == "Certaines données sont invalides."
    assert results[4]["fields"] == {"external_ref": ["Ce champ est obligatoire."]}
    assert results[0]["id"] == Client.objects.get(external_ref="NEW").pk
    assert Client.objects.get(external_ref="OLD").city == "Lyon"
    assert not Client.objects.filter(external_ref="BAD").exists()

    again = api.post(agency_url("clients/bulk"), {"rows": rows[:3]}, format="json")
    assert [row["result"] for row in again.json()["results"]] == ["unchanged"] * 3
    assert again.json()["counts"] == {
        "created": 0, "updated": 0, "unchanged": 3, "error": 0
    }  # fmt: skip


def test_atomic_rolls_everything_back(api):
    rows = [person("A"), person("B"), person("C", last_name="")]
    answer = api.post(
        agency_url("clients/bulk") + "?atomic=true", {"rows": rows}, format="json"
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"] == ("Aucune ligne n'a été enregistrée : 1 ligne en erreur.")
    assert list(error["fields"]) == ["rows.2.last_name"]
    assert not Client.objects.exists()

    saved = api.post(
        agency_url("clients/bulk") + "?atomic=true", {"rows": rows[:2]}, format="json"
    )
    assert saved.status_code == 200
    assert Client.objects.count() == 2


def test_interventions_overlap_is_a_row_error_and_atomic_undoes_the_others(api):
    ClientFactory(agency=api.agency, external_ref="C-1")
    IntervenantFactory(agency=api.agency, external_ref="I-1")

    def visit(ref, hours):
        start = START + timedelta(hours=hours)
        return {
            "external_ref": ref,
            "client": "C-1",
            "intervenant": "I-1",
            "start": start.isoformat(),
            "end": (start + timedelta(hours=2)).isoformat(),
        }

    rows = [visit("V-1", 0), visit("V-2", 1), visit("V-3", 4)]
    atomic = api.post(
        agency_url("interventions/bulk?atomic=true"), {"rows": rows}, format="json"
    )
    assert atomic.status_code == 400
    fields = atomic.json()["error"]["fields"]
    assert set(fields) == {"rows.1.conflict", "rows.1.non_field_errors"}
    assert fields["rows.1.non_field_errors"][0].startswith("Chevauchement avec")
    assert not Intervention.objects.exists()

    answer = api.post(agency_url("interventions/bulk"), {"rows": rows}, format="json")
    results = answer.json()["results"]
    assert [row["result"] for row in results] == ["created", "error", "created"]
    assert results[1]["code"] == "overlap"
    assert results[1]["message"].startswith("Chevauchement avec")
    assert Intervention.objects.count() == 2


def test_more_than_1000_rows_are_refused(api):
    rows = [person(f"R{number}") for number in range(1001)]
    answer = api.post(agency_url("clients/bulk"), {"rows": rows}, format="json")
    assert answer.status_code == 400
    assert "rows" in answer.json()["error"]["fields"]
    assert not Client.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_bulk_address_takes_only_post(api, method):
    """The bulk views carry their item view's reads and writes by reference, which
    answer nothing here."""
    answer = getattr(api, method)(agency_url("clients/bulk"))
    assert answer.status_code == 405
    assert answer.json()["error"]["code"] == "method_not_allowed"
