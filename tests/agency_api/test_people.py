"""Upserts of clients and intervenants by reference: created, updated, unchanged;
validated as the admin validates; deleted; listed by last change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from access.models import Client, Intervenant
from access.services import profile_update
from tests.agency_api.conftest import listed_refs
from tests.factories import (
    AgencyFactory,
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
)
from tests.factories.integration import agency_url

pytestmark = pytest.mark.django_db

BODY = {
    "first_name": "Jeanne",
    "last_name": "Martin",
    "email": "jeanne.martin@example.org",
    "phone": "06 12 34 56 78",
    "address": "3 rue des Lilas",
    "postal_code": "69003",
    "city": "Lyon",
}


@pytest.mark.parametrize(
    "resource,model", [("clients", Client), ("intervenants", Intervenant)]
)
def test_put_creates_then_unchanged_then_updated(api, resource, model):
    url = agency_url(f"{resource}/C-1")
    created = api.put(url, BODY, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["result"] == "created"
    person = model.objects.get(agency=api.agency, external_ref="C-1")
    assert (person.first_name, person.city) == ("Jeanne", "Lyon")
    stamp = person.updated_at

    again = api.put(url, BODY, format="json")
    assert again.status_code == 200
    assert again.json()["result"] == "unchanged"
    person.refresh_from_db()
    assert person.updated_at == stamp  # nothing written

    changed = api.put(url, {**BODY, "city": "Villeurbanne"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["result"] == "updated"
    assert changed.json()["city"] == "Villeurbanne"
    assert model.objects.filter(agency=api.agency).count() == 1


def test_put_leaves_out_optional_fields_as_blank(api):
    api.put(agency_url("clients/C-1"), BODY, format="json")
    answer = api.put(
        agency_url("clients/C-1"),
        {"first_name": "Jeanne", "last_name": "Martin"},
        format="json",
    )
    assert answer.json()["result"] == "updated"
    assert Client.objects.get(external_ref="C-1").email == ""


def test_invalid_fields_answer_in_french_and_save_nothing(api):
    answer = api.put(
        agency_url("clients/C-1"),
        {**BODY, "email": "pas-un-email", "last_name": ""},
        format="json",
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["email"] == ["Saisissez une adresse e-mail valide."]
    assert "last_name" in error["fields"]
    assert not Client.objects.exists()


def test_model_validation_applies_as_in_the_admin(api):
    # Not a serializer rule: the model's max_length, checked by full_clean.
    answer = api.put(
        agency_url("clients/C-1"), {**BODY, "postal_code": "9" * 21}, format="json"
    )
    assert answer.status_code == 400
    assert "postal_code" in answer.json()["error"]["fields"]


def test_delete_removes_the_person(api):
    api.put(agency_url("intervenants/I-1"), BODY, format="json")
    assert api.delete(agency_url("intervenants/I-1")).status_code == 204
    assert not Intervenant.objects.exists()
    assert api.delete(agency_url("intervenants/I-1")).status_code == 404


def test_list_updated_since_and_cursor_pages(api):
    old = ClientFactory(agency=api.agency, external_ref="OLD")
    Client.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timedelta(days=2)
    )
    for number in range(3):
        ClientFactory(agency=api.agency, external_ref=f"N-{number}")
    ClientFactory(agency=AgencyFactory(), external_ref="ELSEWHERE")

    since = (timezone.now() - timedelta(days=1)).isoformat()
    first = api.get(agency_url("clients"), {"updated_since": since, "page_size": 2})
    assert first.status_code == 200
    refs = [row["external_ref"] for row in first.json()["results"]]
    second = api.get(first.json()["next"])
    refs += [row["external_ref"] for row in second.json()["results"]]
    assert refs == ["N-0", "N-1", "N-2"]
    assert second.json()["next"] is None

    assert listed_refs(api, "clients") == ["OLD", "N-0", "N-1", "N-2"]


@pytest.mark.parametrize("query", [{"updated_since": "hier"}, {"cursor": "zz"}])
def test_list_refuses_bad_parameters(api, query):
    answer = api.get(agency_url("clients"), query)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"


def test_a_change_from_the_portal_is_listed_as_updated(api):
    person = IntervenantFactory(agency=api.agency, external_ref="I-9")
    Intervenant.objects.filter(pk=person.pk).update(
        updated_at=timezone.now() - timedelta(days=2)
    )
    since = (timezone.now() - timedelta(days=1)).isoformat()
    listed = api.get(agency_url("intervenants"), {"updated_since": since}).json()
    assert listed["results"] == []
    account = PortalAccountFactory(person=person)
    profile_update(account=account, values={"city": "Grenoble"})
    listed = api.get(agency_url("intervenants"), {"updated_since": since}).json()
    assert [row["city"] for row in listed["results"]] == ["Grenoble"]
