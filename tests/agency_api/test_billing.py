"""Quotes, contracts and invoices by number, with their PDF (multipart), through
the admin's service: published to the client, locked once signed or paid."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from billing.models import Contract, Invoice, Payment, Quote, Signature
from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from tests.factories import (
    AgencyFactory,
    ClientFactory,
    InvoiceFactory,
    QuoteFactory,
    image_upload,
)
from tests.factories.integration import agency_url

pytestmark = pytest.mark.django_db


def pdf(text="Devis n° 1"):
    return SimpleUploadedFile("devis.pdf", simple_pdf(text), "application/pdf")


def body(**changes):
    return {
        "client": "C-1",
        "title": "Aide à domicile",
        "issued_on": "2026-11-02",
        "amount_cents": "12550",
        "pdf": pdf(),
        **changes,
    }


@pytest.fixture
def api(api):
    ClientFactory(agency=api.agency, external_ref="C-1")
    return api


def put(api, path="quotes/Q-1", **changes):
    return api.put(agency_url(path), body(**changes), format="multipart")


def error_of(answer):
    return answer.status_code, answer.json()["error"]["code"]


class TestUpsert:
    def test_a_quote_then_unchanged_then_a_new_pdf(self, api):
        created = put(api, valid_until="2026-12-31")
        assert created.status_code == 201, created.content
        answer = created.json()
        assert answer["result"] == "created"
        assert (answer["number"], answer["client"]) == ("Q-1", "C-1")
        assert (answer["amount_cents"], answer["status"]) == (12550, "pending")
        assert answer["valid_until"] == "2026-12-31"
        quote = Quote.objects.get(agency=api.agency)
        first_pdf = quote.document
        assert first_pdf.is_published and first_pdf.client == quote.client
        assert first_pdf.category == "quote"

        again = put(api, valid_until="2026-12-31")
        assert (again.status_code, again.json()["result"]) == (200, "unchanged")
        assert PortalDocument.objects.count() == 1

        replaced = put(api, valid_until="2026-12-31", pdf=pdf("Devis n° 1 bis"))
        assert replaced.json()["result"] == "updated"
        quote.refresh_from_db()
        first_pdf.refresh_from_db()
        assert quote.document != first_pdf and quote.document.is_published
        assert not first_pdf.is_published  # kept in the admin, off the portal

        changed = api.put(
            agency_url("quotes/Q-1"),
            {**body(amount_cents="13000"), "pdf": ""},
            format="multipart",
        )  # no PDF: it stays
        assert changed.json()["result"] == "updated", changed.content
        quote.refresh_from_db()
        assert quote.amount_cents == 13000
        assert quote.document_id == replaced.json()["document"]

    def test_an_invoice_owes_its_amount_until_paid(self, api):
        created = put(api, "invoices/F-1", due_on="2026-12-01")
        assert created.status_code == 201, created.content
        assert created.json()["amount_due_cents"] == 12550
        paid = put(api, "invoices/F-1", due_on="2026-12-01", status="paid")
        assert paid.json()["result"] == "updated"
        assert paid.json()["amount_due_cents"] == 0
        assert Invoice.objects.get().status == "paid"

    def test_a_contract(self, api):
        created = put(api, "contracts/K-1", starts_on="2026-12-01")
        assert created.status_code == 201, created.content
        assert Contract.objects.get().starts_on.isoformat() == "2026-12-01"


class TestRefusals:
    @pytest.mark.parametrize(
        "changes,field",
        [
            ({"client": "INCONNU"}, "client"),
            ({"amount_cents": "-1"}, "amount_cents"),
            ({"amount_cents": "12,50"}, "amount_cents"),
            ({"amount_cents": "9" * 30}, "amount_cents"),
            ({"issued_on": "02/11/2026"}, "issued_on"),
            ({"status": "perdu"}, "status"),
            ({"pdf": image_upload()}, "pdf"),
            ({"pdf": SimpleUploadedFile("devis.pdf", b"")}, "pdf"),
            ({"pdf": ""}, "pdf"),
        ],
    )
    def test_invalid_fields(self, api, changes, field):
        answer = put(api, **changes)
        assert error_of(answer) == (400, "invalid"), answer.content
        assert field in answer.json()["error"]["fields"]
        assert not Quote.objects.exists()
        assert not PortalDocument.objects.exists()

    def test_a_too_large_pdf(self, api, settings):
        settings.PORTAL_DOCUMENT_MAX_SIZE = 100
        answer = put(api)
        assert error_of(answer) == (400, "invalid")
        assert "taille maximale" in answer.json()["error"]["fields"]["pdf"][0]

    def test_more_due_than_the_amount(self, api):
        answer = put(api, "invoices/F-1", amount_due_cents="99999")
        assert error_of(answer) == (400, "invalid")
        assert "amount_due_cents" in answer.json()["error"]["fields"]

    def test_a_number_too_long(self, api):
        answer = put(api, f"quotes/{'Q' * 41}")
        assert error_of(answer) == (400, "invalid")
        assert "number" in answer.json()["error"]["fields"]
        assert not PortalDocument.objects.exists()

    def test_a_signed_quote_no_longer_changes(self, api):
        put(api)
        Quote.objects.update(status="signed")
        assert put(api, status="signed").json()["result"] == "unchanged"
        changed = put(api, status="signed", title="Autre chose")
        assert error_of(changed) == (423, "locked")
        assert changed.json()["error"]["message"] == (
            "Ce devis est signé : il ne peut plus être modifié."
        )
        new_pdf = put(api, status="signed", pdf=pdf("Autre"))
        assert error_of(new_pdf) == (423, "locked")
        assert error_of(api.delete(agency_url("quotes/Q-1"))) == (423, "locked")
        assert Quote.objects.get().title == "Aide à domicile"

    def test_an_invoice_paid_online_no_longer_changes(self, api):
        invoice = InvoiceFactory(client=api.agency.clients.get(), number="F-1")
        Payment.objects.create(
            agency=api.agency,
            invoice=invoice,
            provider="sandbox",
            status="paid",
            amount_cents=12550,
            currency="EUR",
            reference="pay-1",
        )
        answer = put(api, "invoices/F-1", amount_cents="100")
        assert error_of(answer) == (423, "locked")
        assert answer.json()["error"]["message"].startswith("Cette facture est payée")


class TestReads:
    def test_get_and_delete(self, api):
        put(api)
        document = Quote.objects.get().document
        item = api.get(agency_url("quotes/Q-1"))
        assert (item.status_code, item.json()["number"]) == (200, "Q-1")
        assert item.json()["pdf_hash"] == document.file_hash
        assert api.get(agency_url("invoices/Q-1")).status_code == 404
        assert api.delete(agency_url("quotes/Q-1")).status_code == 204
        assert not Quote.objects.exists()
        document.refresh_from_db()
        assert not document.is_published
        assert api.get(agency_url("quotes/Q-1")).status_code == 404

    def test_a_quote_a_signature_refers_to_is_protected(self, api):
        quote = QuoteFactory(client=api.agency.clients.get(), number="Q-1")
        Signature.objects.create(
            agency=api.agency,
            client=quote.client,
            quote=quote,
            status=Signature.Status.CANCELLED,
            document_sha256="0" * 64,
        )
        answer = api.delete(agency_url("quotes/Q-1"))
        assert error_of(answer) == (409, "protected")
        assert "refused" in answer.json()["error"]["message"]
        refused = put(api, status="refused")
        assert refused.json()["result"] == "updated", refused.content
        assert Quote.objects.get().status == "refused"

    def test_the_list_reads_in_the_same_queries_at_1x_and_10x(
        self, api, django_assert_num_queries
    ):
        client = api.agency.clients.get()
        QuoteFactory(client=client)
        QuoteFactory(client=ClientFactory(agency=AgencyFactory()))
        with django_assert_num_queries(3) as first:
            api.get(agency_url("quotes"))
        for _ in range(9):
            QuoteFactory(client=client)
        with django_assert_num_queries(len(first.captured_queries)):
            rows = api.get(agency_url("quotes")).json()["results"]
        assert len(rows) == 10
        assert rows == sorted(rows, key=lambda row: (row["updated_at"], row["id"]))

    def test_the_list_gives_what_changed_since_even_saved_field_by_field(self, api):
        client = api.agency.clients.get()
        unchanged, paid = InvoiceFactory(client=client), InvoiceFactory(client=client)
        since = timezone.now()
        paid.status = Invoice.Status.PAID
        paid.save(update_fields=["status"])  # as a payment's callback saves it
        answer = api.get(agency_url("invoices"), {"updated_since": since.isoformat()})
        assert [row["number"] for row in answer.json()["results"]] == [paid.number]
        assert unchanged.number not in str(answer.json())
