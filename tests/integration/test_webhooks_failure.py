"""A receiver that keeps failing (issue 15): retried on the backoff schedule for more
than a day through the task backend's delayed tasks, then given up; after repeated
failure the endpoint is disabled and its agency's staff told by e-mail."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import default_task_backend

from integration.models import WebhookDelivery
from integration.webhook_delivery import (
    deliveries_due_enqueue,
    delivery_attempt,
    delivery_record,
)
from integration.webhook_schedule import (
    DISABLE_AFTER_ABANDONED,
    MAX_ATTEMPTS,
    RETRY_DELAYS,
)
from integration.webhook_send import Outcome
from integration.webhook_tasks import deliver_webhook
from tests.factories import StaffFactory

from .webhook_helpers import Receiver, emit, endpoint_for, run_due

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status
DUMMY = "django_tasks.backends.dummy.DummyBackend"


def test_the_schedule_spans_more_than_a_day():
    assert sum(RETRY_DELAYS, timedelta()) >= timedelta(hours=24)
    assert list(RETRY_DELAYS) == sorted(RETRY_DELAYS)
    assert MAX_ATTEMPTS == len(RETRY_DELAYS) + 1


def test_retries_wait_on_the_schedule_then_give_up(
    agency, httpserver, settings, django_capture_on_commit_callbacks
):
    # A backend that keeps tasks with their run_after, as the database one does.
    settings.TASKS = {"default": {"BACKEND": DUMMY}}
    endpoint, secret = endpoint_for(agency, httpserver)
    receiver = Receiver(httpserver, secret, statuses=[500])
    emit(django_capture_on_commit_callbacks, agency)
    [first] = default_task_backend.results
    assert first.task.func == deliver_webhook.func and first.task.run_after is None

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    now, queued = timezone.now(), first
    waits = []
    for _attempt in range(MAX_ATTEMPTS):
        default_task_backend.clear()
        with (
            mock.patch("django.utils.timezone.now", return_value=now),
            django_capture_on_commit_callbacks(execute=True),
        ):
            queued.task.call(*queued.args)
        delivery.refresh_from_db()
        if not default_task_backend.results:
            break
        [queued] = default_task_backend.results
        assert queued.task.run_after == delivery.next_attempt_at
        waits.append(queued.task.run_after - now)
        now = queued.task.run_after

    assert waits == list(RETRY_DELAYS)
    assert (delivery.status, delivery.attempts) == (Status.ABANDONED, MAX_ATTEMPTS)
    assert delivery.next_attempt_at is None
    assert len(receiver.ids) == MAX_ATTEMPTS and len(set(receiver.ids)) == 1
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.abandoned_in_a_row == 1


def last_chance(endpoint, event_delivery):
    """The delivery one failed attempt away from being given up."""
    WebhookDelivery.objects.filter(pk=event_delivery.pk).update(
        status=Status.FAILED, attempts=MAX_ATTEMPTS - 1
    )
    return event_delivery


def test_repeated_failure_disables_the_endpoint_and_tells_its_staff(
    agency, other_agency, httpserver, django_capture_on_commit_callbacks
):
    StaffFactory(agency=agency, email="equipe@alpha.example")
    StaffFactory(agency=agency, email="")
    StaffFactory(agency=other_agency, email="equipe@beta.example")
    endpoint, secret = endpoint_for(agency, httpserver)
    Receiver(httpserver, secret, statuses=[500])
    endpoint.abandoned_in_a_row = DISABLE_AFTER_ABANDONED - 1
    endpoint.save()
    emit(django_capture_on_commit_callbacks, agency)
    emit(django_capture_on_commit_callbacks, agency, data={"coupon": 8})
    dying, waiting = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("pk")
    mail.outbox.clear()

    run_due(django_capture_on_commit_callbacks, last_chance(endpoint, dying))

    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_at is not None
    assert "5 envois abandonnés" in endpoint.disabled_reason
    waiting.refresh_from_db()
    assert waiting.status == Status.ABANDONED and waiting.next_attempt_at is None
    [message] = mail.outbox
    assert message.to == ["equipe@alpha.example"]
    assert message.subject == f"Webhook désactivé : {endpoint.url}"
    assert "réactivez le webhook" in message.body
    assert "/admin/" in message.body and endpoint.url in message.body

    # Disabled: a new event makes no delivery, a queued attempt sends nothing.
    emit(django_capture_on_commit_callbacks, agency, data={"coupon": 9})
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 2
    assert delivery_attempt(delivery_id=waiting.pk) is None


def test_failing_for_five_days_disables_too(
    agency, httpserver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(agency, httpserver)
    Receiver(httpserver, secret, statuses=[500])
    emit(django_capture_on_commit_callbacks, agency)
    endpoint.failing_since = timezone.now() - timedelta(days=6)
    endpoint.save()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    run_due(django_capture_on_commit_callbacks, last_chance(endpoint, delivery))
    endpoint.refresh_from_db()
    assert not endpoint.enabled and "Aucun envoi reçu depuis" in (
        endpoint.disabled_reason
    )


def test_a_success_clears_the_failures(
    agency, httpserver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(agency, httpserver)
    Receiver(httpserver, secret, statuses=[500, 200])
    endpoint.abandoned_in_a_row = 3
    endpoint.save()
    emit(django_capture_on_commit_callbacks, agency)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None
    run_due(django_capture_on_commit_callbacks, endpoint.deliveries.get())
    endpoint.refresh_from_db()
    assert (endpoint.failing_since, endpoint.abandoned_in_a_row) == (None, 0)


def test_the_sweep_queues_only_attempts_overdue(
    agency, httpserver, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": DUMMY}}
    endpoint, _secret = endpoint_for(agency, httpserver)
    emit(django_capture_on_commit_callbacks, agency)
    delivery = endpoint.deliveries.get()
    default_task_backend.clear()
    now = timezone.now()
    for due, queued in [(now, 0), (now - timedelta(minutes=11), 1)]:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=due)
        assert deliveries_due_enqueue() == queued
    assert [result.args for result in default_task_backend.results] == [[delivery.pk]]


def test_an_endpoint_deleted_during_an_attempt_is_no_error(
    agency, httpserver, django_capture_on_commit_callbacks
):
    endpoint, _secret = endpoint_for(agency, httpserver)
    emit(django_capture_on_commit_callbacks, agency)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    endpoint.delete()
    delivery_record(delivery=delivery, outcome=Outcome(500, "x"), now=timezone.now())
    assert not WebhookDelivery.objects.exists()
