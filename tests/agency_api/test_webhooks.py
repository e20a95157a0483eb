"""Webhook endpoints through the agency API (issue 15): POST answers the signing
secret once, GET never shows it, DELETE stops the deliveries; unsafe addresses and
unknown types are refused in the contract's error shape; Idempotency-Key replays
the first answer (the key table has the refusals)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integration.models import WebhookEndpoint
from integration.webhooks import MAX_ENDPOINTS, webhook_endpoint_create
from tests.factories.integration import agency_api, agency_api_key, agency_url
from tests.integration.webhook_helpers import Receiver, emit

pytestmark = pytest.mark.django_db
URL = "https://93.184.215.14/hooks/portail"


@pytest.fixture
def api(agency):
    return agency_api(
        agency_api_key(agency, scopes=["webhooks:read", "webhooks:write"])
    )


def create(api, body, **headers):
    return api.post(agency_url("webhook-endpoints"), body, format="json", **headers)


def test_created_with_its_secret_then_read_without_it(api, agency):
    answer = create(
        api,
        {"url": URL, "event_types": ["payment.failed"], "description": "Compta"},
    )
    assert answer.status_code == 201, answer.content
    created = answer.json()
    endpoint = WebhookEndpoint.objects.get(agency=agency)
    assert created == {
        "id": endpoint.pk,
        "url": URL,
        "event_types": ["payment.failed"],
        "description": "Compta",
        "enabled": True,
        "disabled_reason": "",
        "disabled_at": None,
        "created_at": created["created_at"],
        "secret": endpoint.secret,
    }
    assert created["secret"].startswith("whsec_")

    listed = api.get(agency_url("webhook-endpoints")).json()["results"]
    one = api.get(agency_url(f"webhook-endpoints/{endpoint.pk}")).json()
    assert listed == [one]
    assert {k: v for k, v in created.items() if k != "secret"} == one

    assert api.delete(agency_url(f"webhook-endpoints/{endpoint.pk}")).status_code == 204
    assert not WebhookEndpoint.objects.exists()
    gone = api.get(agency_url(f"webhook-endpoints/{endpoint.pk}"))
    assert gone.status_code == 404


def test_the_secret_answered_verifies_the_deliveries(
    api, agency, httpserver, django_capture_on_commit_callbacks
):
    answer = create(api, {"url": httpserver.url_for("/hook")})
    receiver = Receiver(httpserver, answer.json()["secret"])
    emit(django_capture_on_commit_callbacks, agency, type="message.received")
    assert [r["verified"]["type"] for r in receiver.requests] == ["message.received"]


@pytest.mark.parametrize(
    "body, field, message",
    [
        ({"url": "http://93.184.215.14/"}, "url", "doit commencer par https://"),
        ({"url": "https://127.0.0.1/hook"}, "url", "n'est pas publique"),
        ({"url": "https://169.254.169.254/"}, "url", "n'est pas publique"),
        ({"url": "pas une adresse"}, "url", "URL valide"),
        ({"url": URL, "event_types": ["planning.moved"]}, "event_types", ""),
        ({}, "url", ""),
    ],
)
def test_refusals_in_the_error_shape(api, settings, body, field, message):
    settings.PORTAL_WEBHOOKS_ALLOW_HTTP = False
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = False
    answer = create(api, body)
    assert answer.status_code == 400, answer.content
    error = answer.json()["error"]
    assert error["code"] == "invalid" and error["message"]
    [(name, messages)] = error["fields"].items()
    assert name.split(".")[0] == field and message in messages[0]
    assert not WebhookEndpoint.objects.exists()


def test_idempotency_key_replays_the_first_answer(api, agency):
    first = create(api, {"url": URL}, HTTP_IDEMPOTENCY_KEY="cle-1")
    again = create(api, {"url": URL}, HTTP_IDEMPOTENCY_KEY="cle-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert WebhookEndpoint.objects.filter(agency=agency).count() == 1
    other = create(api, {"url": URL + "/2"}, HTTP_IDEMPOTENCY_KEY="cle-1")
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"


def test_an_agency_has_a_bounded_number_of_endpoints(api, agency):
    for n in range(MAX_ENDPOINTS):
        webhook_endpoint_create(agency=agency, url=f"{URL}/{n}")
    answer = create(api, {"url": URL})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "webhook_limit"
    assert "supprimez-en un" in answer.json()["error"]["message"]


def test_the_list_reads_in_a_fixed_number_of_queries(api, agency):
    def read(n):
        for index in range(n):
            webhook_endpoint_create(agency=agency, url=f"{URL}/{n}-{index}")
        with CaptureQueriesContext(connection) as queries:
            answer = api.get(agency_url("webhook-endpoints"))
        assert answer.status_code == 200
        return len(queries)

    assert read(1) == read(10)
