"""billing.payments called directly: one checkout per invoice at a time, for the
amount due, and each provider callback applied once, inside the transaction that
settles the invoice (tests/portal_api/test_payments.py has the same over HTTP)."""

from unittest import mock

import pytest
from django.db import DatabaseError

from access.errors import ApplicationError
from billing import providers
from billing.models import Invoice, Payment, PaymentEvent
from billing.payments import payment_callback, payment_start, return_url
from tests.factories import InvoiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(client_account):
    return InvoiceFactory(
        client=client_account.client, amount_cents=31250, amount_due_cents=31250
    )


@pytest.fixture
def started(client_account, invoice):
    payment, _created = payment_start(account=client_account, invoice=invoice)
    return payment


def sandbox_callback(payment, *, paid=True):
    """The body and headers the sandbox checkout posts, signed as any other."""
    return providers.SandboxProvider().simulate(payment=payment, paid=paid)


def refusal(**arguments) -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        payment_start(**arguments)
    return error.value


class TestPaymentStart:
    def test_a_checkout_opens_for_the_amount_due(self, client_account, invoice):
        payment, created = payment_start(account=client_account, invoice=invoice)
        assert created
        assert (payment.status, payment.provider, payment.account) == (
            "created",
            "sandbox",
            client_account,
        )
        assert (payment.amount_cents, payment.currency) == (31250, invoice.currency)
        assert payment.reference and payment.checkout_url

    def test_asking_again_gives_the_open_checkout(self, client_account, started):
        again, created = payment_start(account=client_account, invoice=started.invoice)
        assert (again, created) == (started, False)

    def test_the_client_comes_back_to_the_invoice_on_its_portal(
        self, client_account, started
    ):
        assert return_url(started, "annule") == (
            f"{client_account.portal.address}paiement/{started.invoice_id}"
            f"?paiement={started.pk}&issue=annule"
        )

    @pytest.mark.parametrize(
        "fields",
        [{"immediate_advance": True}, {"status": "paid", "amount_due_cents": 0}],
    )
    def test_an_invoice_not_payable_online_opens_nothing(self, client_account, fields):
        invoice = InvoiceFactory(client=client_account.client, **fields)
        error = refusal(account=client_account, invoice=invoice)
        assert (error.code, error.status) == ("not_payable", 409)
        assert not Payment.objects.exists()

    def test_a_provider_failure_leaves_no_attempt_behind(self, client_account, invoice):
        down = providers.ProviderUnavailable("down")
        with mock.patch.object(
            providers.SandboxProvider, "create_checkout", side_effect=down
        ):
            error = refusal(account=client_account, invoice=invoice)
        assert (error.code, error.status) == ("payment_unavailable", 502)
        assert not Payment.objects.exists()


class TestPaymentCallback:
    def test_a_paid_callback_settles_the_invoice(self, started):
        body, headers = sandbox_callback(started)
        assert payment_callback(
            provider_name="sandbox", body=body, headers=headers
        ) == ("paid")
        invoice = Invoice.objects.get(pk=started.invoice_id)
        assert (invoice.status, invoice.amount_due_cents) == ("paid", 0)
        event = PaymentEvent.objects.get()
        assert (event.payment, event.outcome) == (started, "paid")

    def test_a_callback_is_applied_once(self, started):
        body, headers = sandbox_callback(started, paid=False)
        outcomes = [
            payment_callback(provider_name="sandbox", body=body, headers=headers)
            for _ in range(2)
        ]
        assert outcomes == ["failed", "duplicate"]
        assert PaymentEvent.objects.count() == 1

    def test_a_forged_callback_records_nothing(self, started):
        body, _headers = sandbox_callback(started)
        forged = {"Sandbox-Signature": f"t=1,v1={'0' * 64}"}
        with pytest.raises(providers.InvalidCallback):
            payment_callback(provider_name="sandbox", body=body, headers=forged)
        assert not PaymentEvent.objects.exists()
        started.refresh_from_db()
        assert started.status == "created"

    def test_a_provider_other_than_the_configured_one_is_refused(self, started):
        body, headers = sandbox_callback(started)
        with pytest.raises(LookupError):
            payment_callback(provider_name="stripe", body=body, headers=headers)
        assert not PaymentEvent.objects.exists()

    def test_a_callback_that_fails_midway_leaves_nothing_and_may_come_again(
        self, started
    ):
        body, headers = sandbox_callback(started)
        with (
            mock.patch.object(Invoice, "save", side_effect=DatabaseError("lost")),
            pytest.raises(DatabaseError),
        ):
            payment_callback(provider_name="sandbox", body=body, headers=headers)
        started.refresh_from_db()
        assert started.status == "created"
        assert not PaymentEvent.objects.exists()
        assert payment_callback(
            provider_name="sandbox", body=body, headers=headers
        ) == ("paid")
