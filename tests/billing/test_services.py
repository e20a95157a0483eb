import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from billing.models import Invoice, Quote
from billing.services import billing_record_save
from media.models import PortalDocument
from tests.factories import ClientFactory, InvoiceFactory, QuoteFactory, pdf_upload

pytestmark = pytest.mark.django_db


def test_the_pdf_is_published_to_the_client(client_person):
    quote = QuoteFactory(client=client_person)
    document = quote.document
    assert document.client == client_person
    assert (document.category, document.is_published) == ("quote", True)
    assert (document.year, document.period) == (2026, "2026-11")


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_saved(client_person):
    png = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    record = Quote(
        agency=client_person.agency,
        client=client_person,
        number="D-1",
        title="Devis",
        issued_on="2026-11-02",
        amount_cents=100,
    )
    with pytest.raises(ValidationError):
        billing_record_save(record=record, upload=png)
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
    with pytest.raises(ValidationError):
        billing_record_save(record=invoice, upload=pdf_upload(title="v2"))


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
    with pytest.raises(ValidationError):
        billing_record_save(record=record, upload=pdf_upload())
    assert not Invoice.objects.exists()


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
