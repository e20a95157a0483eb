"""Outgoing webhooks (issue 15): each event pushed to the agency's endpoints by the
task worker, signed as Standard Webhooks say and verified by a receiver holding
the `standardwebhooks` library; retried with the same `webhook-id`; nothing sent
for a rolled-back change."""

import json
from datetime import UTC, datetime

import pytest
from django.db import transaction

from integration.events import event_record
from integration.models import Event, WebhookDelivery
from integration.webhook_delivery import delivery_attempt
from integration.webhooks import webhook_endpoint_create

from .webhook_helpers import Receiver, emit, endpoint_for, run_due

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status


class Rollback(Exception):
    pass


class TestDelivery:
    def test_an_event_reaches_the_receiver_signed(
        self, agency, httpserver, django_capture_on_commit_callbacks
    ):
        endpoint, secret = endpoint_for(agency, httpserver)
        assert secret.startswith("whsec_")
        receiver = Receiver(httpserver, secret)

        event = emit(django_capture_on_commit_callbacks, agency)

        [request] = receiver.requests
        assert request["verified"] == {
            "type": "coupon.submitted",
            "timestamp": event.created_at.astimezone(UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "data": {"event_id": event.pk, "coupon": 7},
        }
        assert request["headers"]["Content-Type"] == "application/json"
        assert request["headers"]["Webhook-Signature"].startswith("v1,")
        sent_at = int(request["headers"]["Webhook-Timestamp"])
        assert abs(sent_at - datetime.now(UTC).timestamp()) < 60
        delivery = WebhookDelivery.objects.get(endpoint=endpoint, event=event)
        assert (delivery.status, delivery.attempts, delivery.response_code) == (
            Status.SUCCEEDED,
            1,
            204,
        )
        assert request["headers"]["Webhook-Id"] == delivery.webhook_id

    def test_a_wrong_secret_does_not_verify(
        self, agency, httpserver, django_capture_on_commit_callbacks
    ):
        endpoint_for(agency, httpserver)
        _other, other_secret = webhook_endpoint_create(
            agency=agency, url="http://localhost:9/other"
        )
        receiver = Receiver(httpserver, other_secret)
        emit(django_capture_on_commit_callbacks, agency)
        assert [request["verified"] for request in receiver.requests] == [None]

    def test_a_receiver_failing_twice_gets_the_event_three_times_with_one_id(
        self, agency, httpserver, django_capture_on_commit_callbacks
    ):
        endpoint, secret = endpoint_for(agency, httpserver)
        receiver = Receiver(httpserver, secret, statuses=[500, 503, 200])

        emit(django_capture_on_commit_callbacks, agency)
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert (delivery.status, delivery.attempts) == (Status.FAILED, 1)
        assert delivery.response_code == 500 and "500" in delivery.last_error
        assert delivery.next_attempt_at > delivery.last_attempt_at

        delivery = run_due(django_capture_on_commit_callbacks, delivery)
        assert (delivery.status, delivery.attempts, delivery.response_code) == (
            Status.FAILED,
            2,
            503,
        )
        delivery = run_due(django_capture_on_commit_callbacks, delivery)
        assert (delivery.status, delivery.attempts, delivery.response_code) == (
            Status.SUCCEEDED,
            3,
            200,
        )
        assert delivery.next_attempt_at is None and delivery.last_error == ""

        assert receiver.ids == [delivery.webhook_id] * 3
        assert all(request["verified"] for request in receiver.requests)
        # The same body each time; only the timestamp and signature are the try's.
        assert len({request["body"] for request in receiver.requests}) == 1

    def test_an_attempt_not_due_or_already_made_sends_nothing(
        self, agency, httpserver, django_capture_on_commit_callbacks
    ):
        endpoint, secret = endpoint_for(agency, httpserver)
        receiver = Receiver(httpserver, secret, statuses=[500])
        emit(django_capture_on_commit_callbacks, agency)
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        # Queued twice (a retry and the sweep): the second finds it not due.
        assert delivery_attempt(delivery_id=delivery.pk) is None
        assert len(receiver.requests) == 1

    def test_a_redirect_is_a_failure_and_not_followed(
        self, agency, httpserver, django_capture_on_commit_callbacks
    ):
        endpoint, secret = endpoint_for(agency, httpserver)
        httpserver.expect_request("/hook").respond_with_data(
            "", status=302, headers={"Location": httpserver.url_for("/elsewhere")}
        )
        emit(django_capture_on_commit_callbacks, agency)
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert (delivery.status, delivery.response_code) == (Status.FAILED, 302)
        assert [r.path for r, _response in httpserver.log] == ["/hook"]

    def test_a_receiver_that_is_down_is_a_failure(
        self, agency, django_capture_on_commit_callbacks
    ):
        endpoint, _secret = webhook_endpoint_create(
            agency=agency, url="http://127.0.0.1:9/hook"
        )
        emit(django_capture_on_commit_callbacks, agency)
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert (delivery.status, delivery.response_code) == (Status.FAILED, None)
        assert delivery.last_error == "Connexion impossible."


class TestFanOut:
    def test_a_rolled_back_change_sends_nothing(
        self, agency, httpserver, django_capture_on_commit_callbacks
    ):
        _endpoint, secret = endpoint_for(agency, httpserver)
        receiver = Receiver(httpserver, secret)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(Rollback), transaction.atomic():
                event_record(agency=agency, type="payment.failed", data={"x": 1})
                raise Rollback
        assert callbacks == []
        assert not Event.objects.exists() and not WebhookDelivery.objects.exists()
        assert receiver.requests == []

    def test_only_the_agencys_enabled_endpoints_wanting_the_type(
        self, agency, other_agency, httpserver, django_capture_on_commit_callbacks
    ):
        every, _s1 = endpoint_for(agency, httpserver)
        payments, _s2 = endpoint_for(
            agency, httpserver, event_types=["payment.succeeded"]
        )
        coupons, _s3 = endpoint_for(
            agency, httpserver, event_types=["coupon.submitted", "coupon.changed"]
        )
        disabled, _s4 = endpoint_for(agency, httpserver)
        disabled.enabled = False
        disabled.save()
        foreign, _s5 = endpoint_for(other_agency, httpserver)
        httpserver.expect_request("/hook").respond_with_data("")

        event = emit(django_capture_on_commit_callbacks, agency)

        assert set(
            WebhookDelivery.objects.filter(event=event).values_list(
                "endpoint", flat=True
            )
        ) == {every.pk, coupons.pk}
        assert len(httpserver.log) == 2
        ids = {json.loads(r.get_data())["data"]["event_id"] for r, _ in httpserver.log}
        assert ids == {event.pk}
