"""Outgoing webhooks: the agency's endpoints, the fan-out of each event to them in
the event's transaction, and the admin's « Renvoyer ». What one attempt sends is in
integration.webhook_delivery, the schedule in integration.webhook_schedule."""

import base64
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.errors import ApplicationError

from .models import Event, WebhookDelivery, WebhookEndpoint
from .webhook_guard import url_check
from .webhook_tasks import delivery_enqueue_on_commit

# Enough for any agency's software; a bound on what one event fans out to.
MAX_ENDPOINTS = 20
EVENT_TYPES = [value for value, _label in Event.Type.choices]


def secret_new() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _event_types(values) -> list[str]:
    values = list(values or [])
    unknown = sorted(set(values) - set(EVENT_TYPES))
    if unknown:
        raise ValidationError(
            {
                "event_types": _("Types d'événements inconnus : %(types)s.")
                % {"types": ", ".join(unknown)}
            }
        )
    return sorted(set(values), key=EVENT_TYPES.index)


def webhook_endpoint_create(
    *, agency, url: str, event_types=(), description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint of `agency` for `event_types` (every type when empty); its
    signing secret is returned with it, to be shown this once."""
    endpoint = WebhookEndpoint(
        agency=agency,
        url=url,
        event_types=_event_types(event_types),
        description=description,
        secret=secret_new(),
    )
    endpoint.full_clean(exclude=["secret"])
    # Before the transaction: resolving the name may take seconds, and SQLite's
    # write lock, taken at its start, would hold every other writer meanwhile.
    url_check(url)
    with transaction.atomic():
        if WebhookEndpoint.objects.filter(agency=agency).count() >= MAX_ENDPOINTS:
            raise ApplicationError(
                "webhook_limit",
                _("Cette agence a déjà %(n)s webhooks : supprimez-en un d'abord.")
                % {"n": MAX_ENDPOINTS},
            )
        endpoint.save()
    return endpoint, endpoint.secret


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    # Its deliveries go with it; a queued attempt then finds nothing to send.
    endpoint.delete()


@transaction.atomic
def webhook_endpoint_enable(*, endpoint: WebhookEndpoint) -> None:
    """Enabled again after being disabled, with a clean slate of failures. The
    deliveries abandoned meanwhile stay so; staff may send them again."""
    endpoint.enabled = True
    endpoint.disabled_reason = ""
    endpoint.disabled_at = None
    endpoint.failing_since = None
    endpoint.abandoned_in_a_row = 0
    endpoint.save(
        update_fields=[
            "enabled",
            "disabled_reason",
            "disabled_at",
            "failing_since",
            "abandoned_in_a_row",
        ]
    )


def webhooks_fan_out(event: Event) -> list[WebhookDelivery]:
    """One delivery per enabled endpoint of the event's agency that wants its type,
    written in the caller's transaction (the event's) and queued once it commits:
    a rolled-back change sends nothing."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(
            agency_id=event.agency_id, enabled=True
        ).only("pk", "event_types")
        # In Python: JSON containment is not available on SQLite, and an agency
        # has a handful of endpoints at most.
        if endpoint.wants(event.type)
    ]
    if not endpoints:
        return []
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event=event,
            webhook_id=f"msg_{uuid.uuid4().hex}",
            next_attempt_at=now,
            created_at=now,
        )
        for endpoint in endpoints
    )
    for delivery in deliveries:
        delivery_enqueue_on_commit(delivery.pk)
    return deliveries


class ResendRefused(Exception):
    pass


@transaction.atomic
def webhook_delivery_resend(*, delivery: WebhookDelivery) -> None:
    """A fresh attempt, now, with the same `webhook-id` (the receiver may already
    have it). A delivery given up or received starts its schedule again; one still
    being retried is tried now instead of at its next time."""
    if not delivery.endpoint.enabled:
        raise ResendRefused(
            _("Ce webhook est désactivé : réactivez-le avant de renvoyer.")
        )
    if delivery.status in (
        WebhookDelivery.Status.SUCCEEDED,
        WebhookDelivery.Status.ABANDONED,
    ):
        delivery.attempts = 0
        delivery.status = WebhookDelivery.Status.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["attempts", "status", "next_attempt_at"])
    delivery_enqueue_on_commit(delivery.pk)


def webhook_endpoints_for_agency(*, agency):
    """The agency's webhook endpoints, oldest first (their model's order)."""
    return WebhookEndpoint.objects.filter(agency=agency)
