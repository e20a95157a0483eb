"""Reads of a client's quotes, contracts, invoices and signatures (billing.selectors),
called directly: another client's id, in the same agency or another, finds nothing."""

import pytest

from billing import signatures
from billing.payments import payment_start
from billing.selectors import (
    billing_record_for_client,
    payment_by_reference,
    signature_for_client,
)
from tests.billing.signing import META
from tests.factories import ClientFactory, InvoiceFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["same_agency", "other_agency"])
def someone_else(request, agency, other_agency):
    """Another client: of the same agency, then of another one."""
    return ClientFactory(
        agency=agency if request.param == "same_agency" else other_agency
    )


class TestBillingRecordForClient:
    def test_the_client_finds_their_own_record(self, client_person):
        invoice = InvoiceFactory(client=client_person)
        found = billing_record_for_client(
            kind="invoices", client=client_person, pk=invoice.pk
        )
        assert found == invoice

    def test_another_clients_record_is_not_found(self, client_person, someone_else):
        theirs = InvoiceFactory(client=someone_else)
        found = billing_record_for_client(
            kind="invoices", client=client_person, pk=theirs.pk
        )
        assert found is None

    def test_a_record_of_another_kind_is_not_found(self, client_person, quote):
        found = billing_record_for_client(
            kind="contracts", client=client_person, pk=quote.pk
        )
        assert found is None


@pytest.fixture
def quote(client_person):
    return QuoteFactory(client=client_person)


@pytest.fixture
def opened(client_account, quote, terms):
    """A signature of the client's quote, just opened."""
    return signatures.signature_open(account=client_account, record=quote, meta=META)


class TestSignatureForClient:
    def test_the_client_finds_their_signature_and_what_it_signs(
        self, client_person, quote, terms, opened, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            found = signature_for_client(client=client_person, pk=opened.pk)
            assert (found.quote, found.terms) == (quote, terms)

    def test_another_clients_signature_is_not_found(self, opened, someone_else):
        assert signature_for_client(client=someone_else, pk=opened.pk) is None


@pytest.fixture
def payment(client_account):
    invoice = InvoiceFactory(client=client_account.client)
    payment, _created = payment_start(account=client_account, invoice=invoice)
    return payment


class TestPaymentByReference:
    def test_the_provider_and_reference_find_the_payment(self, payment):
        found = payment_by_reference(provider="sandbox", reference=payment.reference)
        assert found == payment

    def test_another_providers_or_reference_finds_nothing(self, payment):
        assert (
            payment_by_reference(provider="stripe", reference=payment.reference) is None
        )
        assert payment_by_reference(provider="sandbox", reference="sbx_unknown") is None
