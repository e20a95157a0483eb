"""`Idempotency-Key` on POST: a retry gets the first answer and writes nothing; the
same key with another body is refused; after 24 hours the key is free again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from access.models import Client
from integration.idempotency import fingerprint
from integration.models import IdempotentAnswer
from tests.factories import AgencyFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url

pytestmark = pytest.mark.django_db

ROWS = {"rows": [{"external_ref": "C-1", "first_name": "Ana", "last_name": "Lopez"}]}


def post(api, body=ROWS, key="essai-1"):
    return api.post(
        agency_url("clients/bulk"), body, format="json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_same_key_replays_the_first_answer(api):
    first = post(api)
    assert first.status_code == 200
    assert first.json()["results"][0]["result"] == "created"
    # The client changes meanwhile: a replay is the first answer, not a new run.
    Client.objects.filter(external_ref="C-1").update(first_name="Autre")
    again = post(api)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Client.objects.get(external_ref="C-1").first_name == "Autre"

    # Without the key, the same body runs again.
    fresh = api.post(agency_url("clients/bulk"), ROWS, format="json")
    assert fresh.json()["results"][0]["result"] == "updated"


def test_same_key_other_body_is_refused(api):
    post(api)
    other = {"rows": [{**ROWS["rows"][0], "first_name": "Eva"}]}
    answer = post(api, other)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "idempotency_key_reused"
    assert Client.objects.get().first_name == "Ana"


def test_keys_are_per_agency_and_expire_after_a_day(api):
    post(api)
    elsewhere = agency_api(agency_api_key(AgencyFactory()))
    assert post(elsewhere).json()["results"][0]["result"] == "created"

    IdempotentAnswer.objects.filter(agency=api.agency).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    Client.objects.filter(agency=api.agency).update(first_name="Autre")
    answer = post(api)
    assert "Idempotent-Replayed" not in answer
    assert answer.json()["results"][0]["result"] == "updated"


def test_a_refused_request_keeps_no_answer(api):
    bad = post(api, {"rows": "pas une liste"})
    assert bad.status_code == 400
    assert not IdempotentAnswer.objects.exists()
    assert post(api).status_code == 200


def test_a_request_still_running_is_a_409(api):
    # The first request holds the key and has not answered yet.
    IdempotentAnswer.objects.create(
        agency=api.agency,
        key="essai-1",
        fingerprint=fingerprint(
            method="POST", path=agency_url("clients/bulk"), query="", data=ROWS
        ),
    )
    answer = post(api)
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "idempotency_in_progress"
    assert answer["Retry-After"] == "1"
    assert not Client.objects.exists()
