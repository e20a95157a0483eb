"""One attempt of a delivery: the Standard Webhooks request, its outcome recorded,
the next attempt scheduled or the delivery given up, and the endpoint disabled
(its agency's staff told by e-mail) after repeated failure."""

import json
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from .models import Event, WebhookDelivery, WebhookEndpoint
from .webhook_guard import url_check
from .webhook_schedule import (
    DISABLE_AFTER_ABANDONED,
    DISABLE_AFTER_FAILING,
    LEASE,
    OVERDUE,
    retry_delay,
)
from .webhook_send import Outcome, post
from .webhook_tasks import delivery_enqueue, delivery_enqueue_on_commit

Status = WebhookDelivery.Status
OPEN = (Status.PENDING, Status.FAILED)
# A task queued for a moment may start a little before it on another node's clock.
CLOCK_SLACK = 5  # seconds


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def payload(event: Event) -> bytes:
    """The body: Standard Webhooks' `type`, `timestamp` (the event's) and `data`,
    the event's ids with its cursor in the events feed."""
    body = {
        "type": event.type,
        "timestamp": _utc(event.created_at),
        "data": {"event_id": event.pk, **event.data},
    }
    return json.dumps(body, separators=(",", ":")).encode()


def signed_headers(*, secret: str, webhook_id: str, body: bytes, now: datetime):
    """The three Standard Webhooks headers; the timestamp is the attempt's, so a
    receiver can refuse a replayed old request."""
    moment = now.astimezone(UTC)
    return {
        "Content-Type": "application/json",
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(webhook_id, moment, body.decode()),
    }


def _claim(delivery_id: int, now: datetime) -> bool:
    # One UPDATE decides which worker attempts: a delivery queued twice (a retry
    # and the sweep) is sent once.
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            status__in=OPEN,
            next_attempt_at__lte=now + timedelta(seconds=CLOCK_SLACK),
            endpoint__enabled=True,
        ).update(next_attempt_at=now + LEASE)
    )


def delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Attempt the delivery if it is due and nobody else is; None when not."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = (
        WebhookDelivery.objects.select_related("endpoint", "event")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        return None  # its endpoint deleted meanwhile
    endpoint = delivery.endpoint
    try:
        addresses = url_check(endpoint.url)  # again: names move
    except ValidationError as refusal:
        outcome = Outcome(None, refusal.message_dict["url"][0])
    else:
        body = payload(delivery.event)
        outcome = post(
            url=endpoint.url,
            body=body,
            headers=signed_headers(
                secret=endpoint.secret,
                webhook_id=delivery.webhook_id,
                body=body,
                now=now,
            ),
            addresses=addresses,
        )
    delivery_record(delivery=delivery, outcome=outcome, now=now)
    return delivery


@transaction.atomic
def delivery_record(*, delivery: WebhookDelivery, outcome: Outcome, now) -> None:
    current = (
        WebhookDelivery.objects.select_for_update()
        .filter(pk=delivery.pk)
        .values_list("status", flat=True)
        .first()
    )
    if current is None:
        return  # its endpoint was deleted during the attempt
    # Disabled during the attempt: the delivery was given up meanwhile.
    given_up = current == Status.ABANDONED
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_code = outcome.status
    delivery.last_error = outcome.error[:300]
    endpoints = WebhookEndpoint.objects.filter(pk=delivery.endpoint_id)
    if outcome.ok:
        delivery.status = Status.SUCCEEDED
        delivery.next_attempt_at = None
        endpoints.filter(
            Q(failing_since__isnull=False) | Q(abandoned_in_a_row__gt=0)
        ).update(failing_since=None, abandoned_in_a_row=0)
    else:
        endpoints.filter(failing_since__isnull=True).update(failing_since=now)
        delay = None if given_up else retry_delay(delivery.attempts)
        if delay is not None:
            delivery.status = Status.FAILED
            delivery.next_attempt_at = now + delay
            delivery_enqueue_on_commit(delivery.pk, at=delivery.next_attempt_at)
        else:
            delivery.status = Status.ABANDONED
            delivery.next_attempt_at = None
            if not given_up:
                endpoints.update(abandoned_in_a_row=F("abandoned_in_a_row") + 1)
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "response_code",
            "last_error",
            "status",
            "next_attempt_at",
        ]
    )
    if delivery.status == Status.ABANDONED and not given_up:
        _disable_if_failing(endpoints.get(), now)


def _disable_if_failing(endpoint: WebhookEndpoint, now) -> None:
    if endpoint.abandoned_in_a_row >= DISABLE_AFTER_ABANDONED:
        reason = _("%(n)s envois abandonnés d'affilée.") % {
            "n": endpoint.abandoned_in_a_row
        }
    elif endpoint.failing_since and endpoint.failing_since <= now - (
        DISABLE_AFTER_FAILING
    ):
        reason = _("Aucun envoi reçu depuis le %(date)s.") % {
            "date": timezone.localtime(endpoint.failing_since).strftime("%d/%m/%Y")
        }
    else:
        return
    endpoint_disable(endpoint=endpoint, reason=reason, now=now)


@transaction.atomic
def endpoint_disable(*, endpoint: WebhookEndpoint, reason: str, now=None) -> bool:
    """Disable the endpoint, give up its open deliveries and tell its agency's
    staff; False when it was disabled already (nobody is told twice)."""
    now = now or timezone.now()
    if not WebhookEndpoint.objects.filter(pk=endpoint.pk, enabled=True).update(
        enabled=False, disabled_reason=reason[:200], disabled_at=now
    ):
        return False
    WebhookDelivery.objects.filter(endpoint=endpoint, status__in=OPEN).update(
        status=Status.ABANDONED,
        next_attempt_at=None,
        last_error=_("Webhook désactivé avant cet envoi."),
    )
    endpoint.enabled, endpoint.disabled_reason = False, reason
    transaction.on_commit(lambda: staff_notify_disabled(endpoint=endpoint))
    return True


def staff_notify_disabled(*, endpoint: WebhookEndpoint) -> int:
    """E-mail the agency's staff that the endpoint was disabled; the number sent."""
    addresses = sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups=endpoint.agency.staff_group_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    with translation.override("fr"):
        subject = _("Webhook désactivé : %(url)s") % {"url": endpoint.url}
        body = _(
            "Bonjour,\n\n"
            "Les événements de %(agency)s ne sont plus envoyés à l'adresse\n"
            "%(url)s\n"
            "qui les refuse ou ne répond plus (%(reason)s).\n\n"
            "Une fois le logiciel qui les reçoit réparé, réactivez le webhook et "
            "renvoyez les envois abandonnés depuis l'administration :\n%(link)s\n"
        ) % {
            "agency": endpoint.agency.name,
            "url": endpoint.url,
            "reason": endpoint.disabled_reason,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("integration_admin:webhooks"),
        }
    return sum(
        EmailMessage(subject, body, None, [address]).send() for address in addresses
    )


def deliveries_due_enqueue(*, overdue=OVERDUE) -> int:
    """Queue every open delivery due for longer than `overdue` (lost from the
    queue, or never queued by a backend that cannot wait); how many."""
    ids = list(
        WebhookDelivery.objects.filter(
            status__in=OPEN,
            next_attempt_at__lte=timezone.now() - overdue,
            endpoint__enabled=True,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    )
    for delivery_id in ids:
        delivery_enqueue(delivery_id)
    return len(ids)
