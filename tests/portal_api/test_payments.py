import hashlib
import hmac
import json
import time

import pytest
from rest_framework.test import APIClient

from billing.models import Invoice, Payment
from billing.providers import sandbox_signature
from home_pages.services import portal_page_configure
from tests.conftest import portal_url, signed_in
from tests.factories import InvoiceFactory

pytestmark = pytest.mark.django_db
C = "alpha-clients"
WEBHOOK = "/api/v1/payments/webhooks/{}"


@pytest.fixture(autouse=True)
def payment_on(agency):
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "invoices", "payment"],
    )


@pytest.fixture
def api(client_account):
    return signed_in(client_account)


@pytest.fixture
def invoice(client_account):
    return InvoiceFactory(
        client=client_account.client, amount_cents=31250, amount_due_cents=31250
    )


def start(api, invoice):
    return api.post(portal_url(C, f"invoices/{invoice.pk}/payments"))


def sandbox_event(payment, kind="paid", **changes):
    event = {
        "id": f"evt_{payment.pk}_{kind}",
        "type": kind,
        "reference": payment.reference,
        "amount_cents": payment.amount_cents,
        "currency": payment.currency,
        **changes,
    }
    return json.dumps(event).encode()


def post_sandbox(body, timestamp=None):
    signature = sandbox_signature(body, timestamp or int(time.time()))
    return APIClient().generic(
        "POST",
        WEBHOOK.format("sandbox"),
        body,
        content_type="application/json",
        HTTP_SANDBOX_SIGNATURE=signature,
    )


class TestSandbox:
    def test_a_client_pays_an_invoice_on_the_sandbox_checkout(
        self, api, client, invoice
    ):
        created = start(api, invoice)
        assert created.status_code == 201
        body = created.json()
        assert body["status"] == "created"
        page = client.get(body["checkout_url"])
        assert page.status_code == 200
        assert "Montant : 312,50\xa0€" in page.content.decode()  # euros, in French
        assert "centimes" not in page.content.decode()
        back = client.post(body["checkout_url"], {"action": "pay"})
        assert back.status_code == 302 and "issue=ok" in back["Location"]
        invoice.refresh_from_db()
        assert (invoice.status, invoice.amount_due_cents) == ("paid", 0)
        listed = api.get(portal_url(C, f"invoices/{invoice.pk}/payments")).json()
        assert [p["status"] for p in listed["results"]] == ["paid"]
        assert (
            api.get(portal_url(C, f"invoices/{invoice.pk}")).json()["payable_online"]
            is False
        )

    def test_returning_from_the_checkout_pays_nothing(self, api, client, invoice):
        start(api, invoice)
        client.get(f"/paiement/{invoice.pk}?issue=ok")
        invoice.refresh_from_db()
        assert invoice.status == "pending"

    def test_a_refused_payment_leaves_the_invoice_due(self, api, client, invoice):
        url = start(api, invoice).json()["checkout_url"]
        client.post(url, {"action": "fail"})
        invoice.refresh_from_db()
        assert invoice.status == "pending"
        assert Payment.objects.get().status == "failed"

    def test_a_forged_callback_changes_nothing(self, api, invoice):
        start(api, invoice)
        body = sandbox_event(Payment.objects.get())
        response = APIClient().generic(
            "POST",
            WEBHOOK.format("sandbox"),
            body,
            content_type="application/json",
            HTTP_SANDBOX_SIGNATURE=f"t={int(time.time())},v1={'0' * 64}",
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_callback"
        invoice.refresh_from_db()
        assert invoice.status == "pending"

    def test_a_stale_callback_changes_nothing(self, api, invoice):
        start(api, invoice)
        body = sandbox_event(Payment.objects.get())
        assert post_sandbox(body, int(time.time()) - 3600).status_code == 400
        invoice.refresh_from_db()
        assert invoice.status == "pending"

    def test_a_replayed_callback_is_applied_once(self, api, invoice):
        start(api, invoice)
        payment = Payment.objects.get()
        failed = sandbox_event(payment, "failed")
        assert post_sandbox(failed).json()["outcome"] == "failed"
        assert post_sandbox(sandbox_event(payment)).json()["outcome"] == "paid"
        assert post_sandbox(failed).json()["outcome"] == "duplicate"
        payment.refresh_from_db()
        assert payment.status == "paid"

    def test_another_amount_is_refused(self, api, invoice):
        start(api, invoice)
        body = sandbox_event(Payment.objects.get(), amount_cents=100)
        assert post_sandbox(body).json()["outcome"] == "amount_mismatch"
        invoice.refresh_from_db()
        assert (invoice.status, invoice.amount_due_cents) == ("pending", 31250)

    def test_the_sandbox_is_closed_when_another_provider_is_set(
        self, api, client, invoice, settings
    ):
        url = start(api, invoice).json()["checkout_url"]
        settings.PORTAL_PAYMENT_PROVIDER = "stripe"
        assert client.get(url).status_code == 404
        assert post_sandbox(sandbox_event(Payment.objects.get())).status_code == 404


class TestNotPayable:
    @pytest.mark.parametrize(
        "fields",
        [
            {"immediate_advance": True},
            {"status": "paid", "amount_due_cents": 0},
        ],
    )
    def test_invoices_not_payable_online_answer_409(self, api, client_account, fields):
        invoice = InvoiceFactory(client=client_account.client, **fields)
        response = start(api, invoice)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "not_payable"
        assert not Payment.objects.exists()

    def test_the_section_off_answers_section_disabled(self, agency, api, invoice):
        portal_page_configure(
            page=agency.portals.get(kind="client").page,
            menu_sections=["documents", "invoices"],
        )
        assert start(api, invoice).json()["error"]["code"] == "section_disabled"


STRIPE_SECRET = "whsec_test_secret"


def stripe_signed(payload: bytes, timestamp=None, secret=STRIPE_SECRET) -> str:
    timestamp = timestamp or int(time.time())
    mac = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={mac}"


def stripe_event(kind, session_id, payment_status, amount=31250, event_id=None):
    return json.dumps(
        {
            "id": event_id or f"evt_{kind}_{payment_status}",
            "object": "event",
            "type": kind,
            "data": {
                "object": {
                    "id": session_id,
                    "object": "checkout.session",
                    "payment_status": payment_status,
                    "amount_total": amount,
                    "currency": "eur",
                }
            },
        }
    ).encode()


@pytest.fixture
def stripe_on(settings):
    settings.PORTAL_PAYMENT_PROVIDER = "stripe"
    settings.PORTAL_STRIPE_SECRET_KEY = "sk_test_123"
    settings.PORTAL_STRIPE_WEBHOOK_SECRET = STRIPE_SECRET


def stripe_checkout_answers(mocked, session_id):
    """Stripe's API, mocked, opens the checkout session `session_id`."""
    mocked.post(
        "https://api.stripe.com/v1/checkout/sessions",
        json={
            "id": session_id,
            "object": "checkout.session",
            "url": f"https://checkout.stripe.com/c/pay/{session_id}",
        },
    )


@pytest.fixture
def checkout(api, invoice, stripe_on):
    import responses

    with responses.RequestsMock() as mocked:
        stripe_checkout_answers(mocked, "cs_test_1")
        response = start(api, invoice)
        sent = mocked.calls[0].request
    return response, sent


def post_stripe(payload, signature=None):
    return APIClient().generic(
        "POST",
        WEBHOOK.format("stripe"),
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature or stripe_signed(payload),
    )


class TestStripe:
    def test_a_checkout_session_is_created_once_per_attempt(self, checkout, invoice):
        response, sent = checkout
        assert response.status_code == 201
        assert response.json()["checkout_url"].startswith(
            "https://checkout.stripe.com/"
        )
        payment = Payment.objects.get()
        assert payment.reference == "cs_test_1"
        assert sent.headers["Idempotency-Key"] == str(payment.idempotency_key)
        form = sent.body if isinstance(sent.body, str) else sent.body.decode()
        assert f"metadata[invoice]={invoice.pk}" in form.replace("%5B", "[").replace(
            "%5D", "]"
        )
        assert "unit_amount%5D=31250" in form or "unit_amount]=31250" in form

    def test_a_completed_paid_session_pays_the_invoice(self, checkout, invoice):
        payload = stripe_event("checkout.session.completed", "cs_test_1", "paid")
        assert post_stripe(payload).json()["outcome"] == "paid"
        invoice.refresh_from_db()
        assert invoice.status == Invoice.Status.PAID

    def test_an_unpaid_session_waits_for_the_async_outcome(self, checkout, invoice):
        unpaid = stripe_event("checkout.session.completed", "cs_test_1", "unpaid")
        assert post_stripe(unpaid).json()["outcome"] == "pending"
        invoice.refresh_from_db()
        assert invoice.status == "pending"
        failed = stripe_event(
            "checkout.session.async_payment_failed", "cs_test_1", "unpaid"
        )
        assert post_stripe(failed).json()["outcome"] == "failed"
        succeeded = stripe_event(
            "checkout.session.async_payment_succeeded", "cs_test_1", "paid"
        )
        assert post_stripe(succeeded).json()["outcome"] == "paid"
        invoice.refresh_from_db()
        assert invoice.status == "paid"

    def test_forged_and_stale_signatures_are_refused(self, checkout, invoice):
        payload = stripe_event("checkout.session.completed", "cs_test_1", "paid")
        forged = stripe_signed(payload, secret="whsec_other")
        assert post_stripe(payload, forged).status_code == 400
        stale = stripe_signed(payload, timestamp=int(time.time()) - 3600)
        assert post_stripe(payload, stale).status_code == 400
        invoice.refresh_from_db()
        assert invoice.status == "pending"

    def test_a_replayed_event_is_applied_once(self, checkout, invoice):
        payload = stripe_event("checkout.session.completed", "cs_test_1", "paid")
        assert post_stripe(payload).json()["outcome"] == "paid"
        assert post_stripe(payload).json()["outcome"] == "duplicate"

    def test_a_partial_amount_is_refused(self, checkout, invoice):
        payload = stripe_event(
            "checkout.session.completed", "cs_test_1", "paid", amount=10000
        )
        assert post_stripe(payload).json()["outcome"] == "amount_mismatch"
        invoice.refresh_from_db()
        assert invoice.status == "pending"

    def test_stripe_down_is_a_clear_error(self, api, invoice, stripe_on):
        import responses

        with responses.RequestsMock() as mocked:
            mocked.post(
                "https://api.stripe.com/v1/checkout/sessions",
                status=500,
                json={"error": {"message": "boom", "type": "api_error"}},
            )
            response = start(api, invoice)
        assert response.status_code == 502
        assert response.json()["error"]["code"] == "payment_unavailable"


def test_the_invoice_shows_its_payment_state(api, client, invoice):
    detail = portal_url(C, f"invoices/{invoice.pk}")
    assert api.get(detail).json()["payment"] is None
    created = start(api, invoice).json()
    client.post(created["checkout_url"], {"action": "pay"})
    assert api.get(detail).json()["payment"] == {"id": created["id"], "status": "paid"}


def test_staff_see_their_agencys_payments(client, agency, other_agency, api, invoice):
    from django.urls import reverse

    from tests.conftest import sign_in
    from tests.factories import StaffFactory

    start(api, invoice)
    listing = reverse(Payment.snippet_viewset.get_url_name("list"))
    sign_in(client, StaffFactory(agency=agency))
    assert invoice.number in client.get(listing).content.decode()
    client.logout()
    sign_in(client, StaffFactory(agency=other_agency))
    assert invoice.number not in client.get(listing).content.decode()


def test_without_a_provider_no_payment_opens(api, invoice, settings):
    settings.PORTAL_PAYMENT_PROVIDER = ""
    response = start(api, invoice)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "payment_unavailable"
    assert not Payment.objects.exists()


def test_the_deploy_check_refuses_the_sandbox_in_production(settings):
    from cms.checks import payments_are_real

    settings.DEBUG = False
    settings.PORTAL_PAYMENT_PROVIDER = "sandbox"
    assert [e.id for e in payments_are_real(None)] == ["cms.E002"]
    settings.PORTAL_PAYMENT_PROVIDER = "stripe"
    assert payments_are_real(None) == []


class TestOneCheckoutAtATime:
    def test_asking_again_gives_the_open_checkout(self, api, invoice):
        first = start(api, invoice)
        again = start(api, invoice)
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json()["id"] == first.json()["id"]
        assert Payment.objects.count() == 1

    def test_a_changed_amount_closes_the_old_checkout(self, api, client, invoice):
        old = start(api, invoice).json()
        Invoice.objects.filter(pk=invoice.pk).update(amount_due_cents=20000)
        new = start(api, invoice)
        assert new.status_code == 201
        assert Payment.objects.get(pk=old["id"]).status == "expired"
        page = client.get(old["checkout_url"]).content.decode()
        assert "Payer" not in page or "déjà traité" in page

    def test_a_payment_in_progress_blocks_a_new_one(self, api, invoice):
        start(api, invoice)
        Payment.objects.update(status="pending")
        response = start(api, invoice)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "payment_in_progress"

    def test_a_callback_for_an_invoice_changed_meanwhile_does_not_settle_it(
        self, api, invoice
    ):
        start(api, invoice)
        payment = Payment.objects.get()
        Invoice.objects.filter(pk=invoice.pk).update(
            amount_due_cents=40000, amount_cents=40000
        )
        assert post_sandbox(sandbox_event(payment)).json()["outcome"] == (
            "invoice_changed"
        )
        invoice.refresh_from_db()
        assert (invoice.status, invoice.amount_due_cents) == ("pending", 40000)

    def test_an_invoice_moved_to_the_immediate_advance_is_not_settled(
        self, api, invoice
    ):
        start(api, invoice)
        payment = Payment.objects.get()
        Invoice.objects.filter(pk=invoice.pk).update(immediate_advance=True)
        assert post_sandbox(sandbox_event(payment)).json()["outcome"] == (
            "invoice_changed"
        )
        invoice.refresh_from_db()
        assert invoice.status == "pending"


def test_staff_cannot_inspect_another_agencys_payment(
    client, other_agency, api, invoice
):
    from django.urls import reverse

    from tests.conftest import sign_in
    from tests.factories import StaffFactory

    start(api, invoice)
    payment = Payment.objects.get()
    inspect = reverse(
        Payment.snippet_viewset.get_url_name("inspect"), args=[payment.pk]
    )
    sign_in(client, StaffFactory(agency=other_agency))
    assert client.get(inspect).status_code == 404


def test_stripe_closes_the_old_session_before_a_new_one(checkout, api, invoice):
    import responses

    Invoice.objects.filter(pk=invoice.pk).update(amount_due_cents=20000)
    with responses.RequestsMock() as mocked:
        expire = mocked.post(
            "https://api.stripe.com/v1/checkout/sessions/cs_test_1/expire",
            json={"id": "cs_test_1", "object": "checkout.session", "status": "expired"},
        )
        stripe_checkout_answers(mocked, "cs_test_2")
        response = start(api, invoice)
    assert response.status_code == 201 and expire.call_count == 1
    assert Payment.objects.get(reference="cs_test_1").status == "expired"


def test_the_sandbox_page_takes_no_action_on_a_closed_attempt(api, client, invoice):
    url = start(api, invoice).json()["checkout_url"]
    Payment.objects.update(status="expired")
    assert client.post(url, {"action": "pay"}).status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "pending"
