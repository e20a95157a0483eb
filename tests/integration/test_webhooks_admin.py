"""Intégrations > Webhooks in the admin (issue 15): a new endpoint's secret shown
once, the endpoints and the delivery log of the staff member's agencies only (another
agency's ids are 404), enabling again, « Renvoyer »."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from integration.models import WebhookDelivery, WebhookEndpoint
from integration.webhook_delivery import endpoint_disable

from .webhook_helpers import Receiver, emit, endpoint_for

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status
PAGE = reverse("integration_admin:webhooks")
LOG = reverse("integration_admin:webhook_deliveries")


def test_create_shows_the_secret_once_and_it_signs(
    staff, agency, httpserver, django_capture_on_commit_callbacks
):
    answer = staff.post(
        PAGE,
        {
            "agency": agency.pk,
            "url": httpserver.url_for("/hook"),
            "event_types": ["coupon.submitted"],
            "description": "Logiciel de planification",
        },
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    secret = re.search(r"<code data-webhook-secret>([^<]+)</code>", html)[1]
    endpoint = WebhookEndpoint.objects.get(agency=agency)
    assert endpoint.event_types == ["coupon.submitted"] and secret == endpoint.secret

    receiver = Receiver(httpserver, secret)
    emit(django_capture_on_commit_callbacks, agency)
    assert [request["verified"]["type"] for request in receiver.requests] == [
        "coupon.submitted"
    ]

    listing = staff.get(PAGE).content.decode()
    assert "Logiciel de planification" in listing and secret not in listing


def test_an_unsafe_address_is_refused_in_french(staff, agency, settings):
    settings.PORTAL_WEBHOOKS_ALLOW_HTTP = False
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = False
    answer = staff.post(PAGE, {"agency": agency.pk, "url": "https://10.0.0.8/hook"})
    html = answer.content.decode()
    assert "n&#x27;est pas publique" in html and "data-webhook-secret" not in html
    assert not WebhookEndpoint.objects.exists()


def test_another_agencys_endpoints_and_deliveries_are_out_of_reach(
    staff, agency, other_agency, httpserver, django_capture_on_commit_callbacks
):
    own, secret = endpoint_for(agency, httpserver, description="Chez nous")
    foreign, _secret = endpoint_for(other_agency, httpserver, description="Ailleurs")
    Receiver(httpserver, secret, statuses=[500])
    emit(django_capture_on_commit_callbacks, other_agency)
    foreign_delivery = foreign.deliveries.get()
    endpoint_disable(endpoint=foreign, reason="test")

    listing = staff.get(PAGE).content.decode()
    assert "Chez nous" in listing and "Ailleurs" not in listing
    log = staff.get(LOG, {"webhook": foreign.pk}).content.decode()
    assert f'data-delivery="{foreign_delivery.pk}"' not in log
    for name in ("webhook_delete", "webhook_enable"):
        url = reverse(f"integration_admin:{name}", args=[foreign.pk])
        assert staff.post(url).status_code == 404
    resend = reverse("integration_admin:webhook_resend", args=[foreign_delivery.pk])
    assert staff.post(resend).status_code == 404
    foreign.refresh_from_db()
    assert not foreign.enabled

    # Nor can another agency be chosen for a new endpoint.
    answer = staff.post(PAGE, {"agency": other_agency.pk, "url": "https://x.test/"})
    assert "data-webhook-secret" not in answer.content.decode()
    assert WebhookEndpoint.objects.count() == 2

    staff.post(reverse("integration_admin:webhook_delete", args=[own.pk]))
    assert list(WebhookEndpoint.objects.all()) == [foreign]


def test_the_log_filters_and_renvoyer_sends_again(
    staff, agency, httpserver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(agency, httpserver)
    other, _secret = endpoint_for(agency, httpserver, event_types=["payment.failed"])
    receiver = Receiver(httpserver, secret, statuses=[204])
    emit(django_capture_on_commit_callbacks, agency)
    emit(django_capture_on_commit_callbacks, agency, type="payment.failed", data={})
    received = endpoint.deliveries.get(event__type="coupon.submitted")
    assert received.status == Status.SUCCEEDED

    log = staff.get(LOG, {"webhook": endpoint.pk, "etat": "succeeded"})
    html = log.content.decode()
    shown = set(map(int, re.findall(r'data-delivery="(\d+)"', html)))
    assert shown == set(
        endpoint.deliveries.filter(status=Status.SUCCEEDED).values_list("pk", flat=True)
    )
    assert received.pk in shown and "Reçu" in html and "coupon.submitted" in html
    assert not shown & set(other.deliveries.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        answer = staff.post(
            reverse("integration_admin:webhook_resend", args=[received.pk]),
            {"webhook": endpoint.pk},
        )
    assert answer.status_code == 302 and answer.url == f"{LOG}?webhook={endpoint.pk}"
    received.refresh_from_db()
    assert (received.status, received.attempts) == (Status.SUCCEEDED, 1)
    coupon_requests = [
        request
        for request in receiver.requests
        if request["headers"]["Webhook-Id"] == received.webhook_id
    ]
    assert len(coupon_requests) == 2  # the same message, sent again
    assert Webhook(secret).verify(
        coupon_requests[1]["body"], coupon_requests[1]["headers"]
    )


def test_a_disabled_endpoint_is_enabled_again_then_resent(
    staff, agency, httpserver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(agency, httpserver)
    receiver = Receiver(httpserver, secret, statuses=[500, 204])
    emit(django_capture_on_commit_callbacks, agency)
    endpoint_disable(endpoint=endpoint, reason="5 envois abandonnés d'affilée.")
    delivery = endpoint.deliveries.get()
    assert delivery.status == Status.ABANDONED

    listing = staff.get(PAGE).content.decode()
    assert "5 envois abandonnés" in listing and "Réactiver" in listing
    resend = reverse("integration_admin:webhook_resend", args=[delivery.pk])
    refused = staff.post(resend, follow=True).content.decode()
    assert "réactivez-le avant de renvoyer" in refused

    staff.post(reverse("integration_admin:webhook_enable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.disabled_reason == ""
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(resend)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.SUCCEEDED, 1)
    assert len(receiver.requests) == 2


def test_the_log_reads_in_a_fixed_number_of_queries(
    staff, agency, httpserver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(agency, httpserver)
    Receiver(httpserver, secret)

    def count(n):
        for _ in range(n):
            emit(django_capture_on_commit_callbacks, agency)
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(LOG).status_code == 200
        return len(queries)

    assert count(1) == count(9)
