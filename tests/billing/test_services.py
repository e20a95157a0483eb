"""billing.services called directly: a record and its PDF published to the client
land together or not at all; a signed or paid record keeps its PDF; the agency's
terms are published version by version."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from billing.models import Invoice, Quote, Terms
from billing.services import billing_record_save, terms_publish
from media.models import PortalDocument
from tests.billing.signing import signature_to_code
from tests.factories import (
    ClientFactory,
    InvoiceFactory,
    QuoteFactory,
    image_upload,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def test_the_pdf_is_published_to_the_client(client_person):
    quote = QuoteFactory(client=client_person)
    document = quote.document
    assert document.client == client_person
    assert (document.category, document.is_published) == ("quote", True)
    assert (document.year, document.period) == (2026, "2026-11")


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_saved(client_person):
    record = Quote(
        agency=client_person.agency,
        client=client_person,
        number="D-1",
        title="Devis",
        issued_on="2026-11-02",
        amount_cents=100,
    )
    with pytest.raises(ValidationError) as error:
        billing_record_save(record=record, upload=image_upload())
    assert error.value.messages == ["Le fichier doit être un PDF."]
    assert not Quote.objects.exists()
    assert not PortalDocument.objects.filter(client=client_person).exists()


def test_a_new_pdf_replaces_the_one_on_the_portal(client_person):
    quote = QuoteFactory(client=client_person)
    first = quote.document
    billing_record_save(record=quote, upload=pdf_upload(title="v2"))
    first.refresh_from_db()
    assert not first.is_published
    assert quote.document != first and quote.document.is_published


def test_a_paid_invoice_keeps_its_pdf(client_person):
    invoice = InvoiceFactory(client=client_person, status="paid", amount_due_cents=0)
    first = invoice.document
    with pytest.raises(ValidationError) as error:
        billing_record_save(record=invoice, upload=pdf_upload(title="v2"))
    assert list(error.value.message_dict) == ["document"]
    invoice.refresh_from_db()
    assert invoice.document == first and first.is_published


def test_a_new_pdf_cancels_the_signature_under_way(client_account, terms):
    signature = signature_to_code(client_account)
    billing_record_save(record=signature.quote, upload=pdf_upload(title="v2"))
    signature.refresh_from_db()
    assert signature.status == "cancelled"
    cancelled = signature.events.get(step="cancelled")
    assert cancelled.data == {"reason": "pdf_replaced"}


def test_a_client_of_another_agency_is_refused(agency, other_agency):
    stranger = ClientFactory(agency=other_agency)
    record = Invoice(
        agency=agency,
        client=stranger,
        number="F-1",
        title="Facture",
        issued_on="2026-11-02",
        amount_cents=100,
        amount_due_cents=100,
    )
    with pytest.raises(ValidationError) as error:
        billing_record_save(record=record, upload=pdf_upload())
    assert "client" in error.value.message_dict
    assert not Invoice.objects.exists()
    assert not PortalDocument.objects.filter(client=stranger).exists()


def test_numbers_are_unique_per_agency(client_person, other_agency):
    QuoteFactory(client=client_person, number="D-7")
    with pytest.raises(ValidationError):
        QuoteFactory(client=client_person, number="D-7")
    assert QuoteFactory(client=ClientFactory(agency=other_agency), number="D-7").pk


def test_the_amount_due_never_exceeds_the_amount(client_person):
    with pytest.raises(ValidationError):
        InvoiceFactory(client=client_person, amount_cents=100, amount_due_cents=200)


@pytest.mark.parametrize(
    ("fields", "payable"),
    [
        ({}, True),
        ({"immediate_advance": True}, False),
        ({"status": "paid", "amount_due_cents": 0}, False),
        ({"amount_due_cents": 0}, False),
    ],
)
def test_what_is_payable_online(client_person, fields, payable):
    assert InvoiceFactory(client=client_person, **fields).payable_online is payable


class TestTermsPublish:
    def test_the_terms_are_published_to_the_agencys_clients(self, agency):
        upload = pdf_upload(title="CGV")
        expected = hashlib.sha256(upload.read()).hexdigest()
        upload.seek(0)
        terms = terms_publish(agency=agency, version="2027-01", upload=upload)
        assert terms.sha256 == expected
        document = terms.document
        assert (document.for_clients, document.for_intervenants) == (True, False)
        assert document.is_published and "2027-01" in document.title

    def test_a_version_is_published_once(self, agency, terms):
        documents = PortalDocument.objects.count()
        with pytest.raises(ValidationError) as error:
            terms_publish(agency=agency, version=terms.version, upload=pdf_upload())
        assert list(error.value.message_dict) == ["version"]
        assert PortalDocument.objects.count() == documents

    def test_terms_that_are_not_a_pdf_publish_nothing(self, agency):
        with pytest.raises(ValidationError) as error:
            terms_publish(agency=agency, version="2027-01", upload=image_upload())
        assert error.value.messages == ["Le fichier doit être un PDF."]
        assert not Terms.objects.exists()
        assert not PortalDocument.objects.filter(agency=agency).exists()
