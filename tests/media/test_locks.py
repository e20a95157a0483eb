"""A document that a signed or paid record, a version of the terms or a sealed
signature relies on never changes file, person or publication, and is never deleted:
not from the admin, not from code (issue 11, item 4)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billing.models import Invoice, Payment, Quote
from cms.demo_pdf import simple_pdf
from media import services
from media.locks import document_is_locked
from media.models import PortalDocument
from tests.billing.signing import signed_signature
from tests.factories import (
    ContractFactory,
    DocumentFactory,
    InvoiceFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

LOCKED = "signé, payé, scellé ou fait partie de conditions générales"


def signed_quote(client):
    quote = QuoteFactory(client=client)
    Quote.objects.filter(pk=quote.pk).update(status="signed")
    return quote.document


def new_pdf(name="autre.pdf"):
    return SimpleUploadedFile(name, simple_pdf("Falsifié"))


def stored_bytes(document):
    document.refresh_from_db()
    with document.file.open("rb") as stream:
        return stream.read()


class TestWhatLocks:
    def test_a_pending_quote_locks_nothing(self, client_person):
        assert not document_is_locked(QuoteFactory(client=client_person).document)

    def test_a_signed_quote(self, client_person):
        assert document_is_locked(signed_quote(client_person))

    def test_a_paid_invoice(self, client_person):
        invoice = InvoiceFactory(client=client_person)
        Invoice.objects.filter(pk=invoice.pk).update(status="paid", amount_due_cents=0)
        assert document_is_locked(invoice.document)

    def test_an_invoice_paid_online_even_if_staff_reopened_it(self, client_person):
        invoice = InvoiceFactory(client=client_person)
        Payment.objects.create(
            agency=invoice.agency,
            invoice=invoice,
            provider="sandbox",
            status="paid",
            amount_cents=invoice.amount_cents,
            currency="EUR",
        )
        assert document_is_locked(invoice.document)

    def test_a_contract_once_signed_even_ended(self, client_account, terms):
        contract = ContractFactory(client=client_account.client)
        signed_signature(client_account, contract, seal=False)
        contract.refresh_from_db()
        type(contract).objects.filter(pk=contract.pk).update(status="ended")
        assert document_is_locked(contract.document)

    def test_the_terms_and_the_sealed_pdf(self, client_account, terms, seal):
        signature = signed_signature(client_account)
        assert document_is_locked(terms.document)
        assert document_is_locked(signature.signed_document)

    def test_an_ordinary_document(self, agency):
        assert not document_is_locked(DocumentFactory(agency=agency, for_clients=True))


class TestTheModelRefuses:
    def test_a_new_file(self, client_person):
        document = signed_quote(client_person)
        before = stored_bytes(document)
        document.file = new_pdf()
        with pytest.raises(ValidationError) as refused:
            document.save()
        assert LOCKED in " ".join(refused.value.messages)
        assert stored_bytes(document) == before

    def test_full_clean_says_so_too(self, client_person):
        document = signed_quote(client_person)
        document.file = new_pdf()
        with pytest.raises(ValidationError):
            document.full_clean()

    @pytest.mark.parametrize(
        "service", [services.document_unpublish, services.document_delete]
    )
    def test_unpublishing_or_deleting(self, client_person, service):
        document = signed_quote(client_person)
        with pytest.raises(ValidationError):
            service(document=document)
        document.refresh_from_db()  # still there (DoesNotExist otherwise)
        assert document.is_published

    def test_another_person(self, client_person, agency):
        from tests.factories import ClientFactory

        document = signed_quote(client_person)
        document.client = ClientFactory(agency=agency)
        with pytest.raises(ValidationError):
            document.save()

    def test_deleting_in_bulk(self, client_person, agency):
        document = signed_quote(client_person)
        other = DocumentFactory(agency=agency, for_clients=True)
        with pytest.raises(ValidationError):
            PortalDocument.objects.filter(pk__in=[document.pk, other.pk]).delete()
        assert (
            PortalDocument.objects.filter(pk__in=[document.pk, other.pk]).count() == 2
        )

    def test_updating_in_bulk(self, client_person):
        document = signed_quote(client_person)
        with pytest.raises(ValidationError):
            PortalDocument.objects.filter(pk=document.pk).update(is_published=False)
        with pytest.raises(ValidationError):
            PortalDocument.objects.filter(pk=document.pk).update(file="documents/x.pdf")

    def test_deleting_the_terms_says_why(self, terms):
        with pytest.raises(ValidationError):
            terms.document.delete()

    def test_the_title_may_still_change(self, client_person):
        document = signed_quote(client_person)
        document.title = "Devis signé de mars"
        document.full_clean()
        document.save()
        PortalDocument.objects.filter(pk=document.pk).update(title="Devis")

    def test_an_unlocked_document_changes_freely(self, client_person):
        document = QuoteFactory(client=client_person).document
        services.document_unpublish(document=document)
        services.document_delete(document=document)


class TestTheAdminRefuses:
    def test_a_new_file_on_the_edit_page_is_a_form_error(self, staff, client_person):
        document = signed_quote(client_person)
        before = stored_bytes(document)
        response = staff.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": document.title,
                "file": new_pdf(),
                "collection": document.collection_id,
                "category": document.category,
                "is_published": "on",
            },
        )
        assert response.status_code == 200
        assert LOCKED in response.content.decode()
        assert stored_bytes(document) == before

    def test_unpublishing_on_the_edit_page_is_a_form_error(self, staff, client_person):
        document = signed_quote(client_person)
        response = staff.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": document.title,
                "collection": document.collection_id,
                "category": document.category,
            },
        )
        assert response.status_code == 200
        assert LOCKED in response.content.decode()
        document.refresh_from_db()
        assert document.is_published

    def test_the_title_may_still_change_on_the_edit_page(self, staff, client_person):
        document = signed_quote(client_person)
        response = staff.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": "Devis signé",
                "collection": document.collection_id,
                "category": document.category,
                "is_published": "on",
            },
        )
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.title == "Devis signé"

    def test_wagtails_delete_page(self, staff, client_person):
        document = signed_quote(client_person)
        response = staff.post(
            reverse("wagtaildocs:delete", args=[document.pk]), follow=True
        )
        assert response.status_code == 200
        assert LOCKED[:20] in response.content.decode()
        assert PortalDocument.objects.filter(pk=document.pk).exists()

    def test_the_multiple_uploads_delete(self, staff, client_person):
        document = signed_quote(client_person)
        response = staff.post(
            reverse("wagtaildocs:delete_multiple", args=[document.pk])
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert PortalDocument.objects.filter(pk=document.pk).exists()

    def test_bulk_delete(self, staff, client_person, agency):
        document = signed_quote(client_person)
        other = DocumentFactory(agency=agency, for_clients=True)
        url = reverse("wagtail_bulk_action", args=["media", "portaldocument", "delete"])
        response = staff.post(
            f"{url}?id={document.pk}&id={other.pk}&next=/admin/documents/",
            follow=True,
        )
        assert response.status_code == 200
        assert LOCKED[:20] in response.content.decode()
        assert (
            PortalDocument.objects.filter(pk__in=[document.pk, other.pk]).count() == 2
        )

    def test_the_persons_record_unpublish_and_delete(self, staff, client_person):
        document = signed_quote(client_person)
        for name in ("media_admin:unpublish", "media_admin:delete"):
            response = staff.post(reverse(name, args=[document.pk]), follow=True)
            assert response.status_code == 200
            assert LOCKED[:20] in response.content.decode()
        document.refresh_from_db()
        assert document.is_published

    def test_the_persons_record_shows_it_locked(self, staff, client_person):
        from media.admin_ui import DOCUMENTS_TAB

        document = signed_quote(client_person)
        DocumentFactory(
            agency=client_person.agency, title="Planning", owner=client_person
        )
        url = DOCUMENTS_TAB.url(client_person).split("#")[0]
        page = staff.get(url).content.decode()
        assert "Verrouillé" in page
        assert reverse("media_admin:delete", args=[document.pk]) not in page
        assert reverse("media_admin:unpublish", args=[document.pk]) not in page
        assert "Supprimer « Planning »" in page

    def test_the_edit_page_says_the_file_stays(self, staff, client_person):
        document = signed_quote(client_person)
        page = staff.get(reverse("wagtaildocs:edit", args=[document.pk]))
        assert "son fichier ne se remplace plus" in page.content.decode()
