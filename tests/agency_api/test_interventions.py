"""Interventions by reference: client and intervenant by theirs, validated as the
admin validates (an intervenant in two places is a 409 `overlap`)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from planning.models import Intervention
from tests.agency_api.conftest import listed_refs
from tests.factories import (
    AgencyFactory,
    ClientFactory,
    InterventionFactory,
)
from tests.factories.integration import agency_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people")]

START = (timezone.now() + timedelta(days=3)).replace(microsecond=0)


def body(**changes):
    return {
        "client": "C-1",
        "intervenant": "I-1",
        "start": START.isoformat(),
        "end": (START + timedelta(hours=2)).isoformat(),
        "status": "planned",
        "service": "Aide au lever",
        **changes,
    }


def test_put_creates_then_unchanged_then_updated(api):
    url = agency_url("interventions/V-1")
    created = api.put(url, body(), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["external_ref"] == "V-1"
    assert created.json()["client"] == "C-1"
    item = Intervention.objects.get(agency=api.agency)
    assert (item.version, item.service) == (1, "Aide au lever")

    again = api.put(url, body(), format="json")
    assert (again.status_code, again.json()["result"]) == (200, "unchanged")
    item.refresh_from_db()
    assert item.version == 1

    staffed_later = api.put(url, body(intervenant=None, status="done"), format="json")
    assert staffed_later.json()["result"] == "updated"
    assert staffed_later.json()["intervenant"] is None
    item.refresh_from_db()
    assert (item.version, item.status, item.intervenant) == (2, "done", None)
    assert Intervention.objects.count() == 1


def test_overlap_is_a_409_naming_the_item_in_the_way(api):
    api.put(agency_url("interventions/V-1"), body(), format="json")
    first = Intervention.objects.get()
    answer = api.put(
        agency_url("interventions/V-2"),
        body(start=(START + timedelta(hours=1)).isoformat(),
             end=(START + timedelta(hours=3)).isoformat()),
        format="json",
    )  # fmt: skip
    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "overlap"
    assert error["message"].startswith("Chevauchement avec")
    assert error["fields"]["conflict"] == [f"interventions:{first.pk}"]
    assert Intervention.objects.count() == 1
    # A cancelled visit takes no time: the same slot is accepted.
    cancelled = api.put(
        agency_url("interventions/V-2"), body(status="cancelled"), format="json"
    )
    assert cancelled.status_code == 201


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"client": "INCONNU"}, "client"),
        ({"intervenant": "INCONNU"}, "intervenant"),
        ({"end": START.isoformat()}, "end"),
        ({"status": "perdue"}, "status"),
    ],
)
def test_invalid_rows_are_field_errors(api, changes, field):
    answer = api.put(agency_url("interventions/V-1"), body(**changes), format="json")
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]
    assert not Intervention.objects.exists()


def test_a_reference_too_long_is_a_field_error(api):
    answer = api.put(agency_url(f"interventions/{'V' * 101}"), body(), format="json")
    assert answer.status_code == 400
    assert "external_ref" in answer.json()["error"]["fields"]
    assert not Intervention.objects.exists()


def test_another_agencys_people_are_unknown_references(api):
    other = AgencyFactory()
    ClientFactory(agency=other, external_ref="C-AILLEURS")
    answer = api.put(
        agency_url("interventions/V-1"), body(client="C-AILLEURS"), format="json"
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["client"] == [
        "Aucune fiche n'a la référence « C-AILLEURS »."
    ]


def test_list_and_delete(api):
    api.put(agency_url("interventions/V-1"), body(), format="json")
    # Made in the admin: listed, with no reference of the agency's.
    InterventionFactory(
        agency=api.agency,
        client=ClientFactory(agency=api.agency),
        start=START + timedelta(days=1),
    )
    assert listed_refs(api, "interventions") == ["V-1", None]
    assert api.delete(agency_url("interventions/V-1")).status_code == 204
    assert Intervention.objects.count() == 1
    assert api.get(agency_url("interventions/V-1")).status_code == 404
