"""What the webhook tests share: a real local receiver (pytest-httpserver) that
records each request and verifies it with the `standardwebhooks` library, and an
event emitted the way the domain services emit it, in a committed transaction."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from werkzeug import Response

from integration.events import event_record
from integration.models import WebhookDelivery
from integration.webhooks import webhook_endpoint_create


class Receiver:
    """The agency's software: answers `statuses` in turn (the last one then on),
    keeps each request, and says whether its signature verified."""

    def __init__(self, httpserver, secret, statuses=(204,)):
        self.requests = []
        self.statuses = list(statuses)
        self.secret = secret
        httpserver.expect_request("/hook", method="POST").respond_with_handler(
            self.handle
        )

    def handle(self, request):
        body = request.get_data()
        try:
            verified = Webhook(self.secret).verify(body, dict(request.headers))
        except WebhookVerificationError:
            verified = None
        self.requests.append(
            {"headers": dict(request.headers), "body": body, "verified": verified}
        )
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return Response("", status=status)

    @property
    def ids(self):
        return [request["headers"]["Webhook-Id"] for request in self.requests]


def endpoint_for(agency, httpserver, **fields):
    endpoint, secret = webhook_endpoint_create(
        agency=agency, url=httpserver.url_for("/hook"), **fields
    )
    return endpoint, secret


def emit(capture, agency, type="coupon.submitted", data=None):
    """An event committed (its on-commit work run, as after a real commit)."""
    with capture(execute=True):
        with transaction.atomic():
            return event_record(agency=agency, type=type, data=data or {"coupon": 7})


def run_due(capture, delivery):
    """Make the delivery's next attempt overdue and let `send_webhooks` queue it
    (the tests' immediate backend cannot wait; it then runs at once)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    with capture(execute=True):
        call_command("send_webhooks", stdout=io.StringIO())
    delivery.refresh_from_db()
    return delivery
