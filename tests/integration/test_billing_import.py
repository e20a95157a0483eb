"""The billing import staff run themselves (*Facturation > Importer*): quotes,
contracts and invoices from the agency software's columns with their PDFs, through
the agency API's upsert; a preview saves nothing and leaves no file behind, the
application is all or nothing; staff scoped to their agencies and permissions."""

import html
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billing.models import Contract, Invoice, Quote
from cms.demo_pdf import simple_pdf
from integration.import_billing import PdfFiles, euros_to_cents
from media.models import PortalDocument
from tests.factories import ClientFactory, InvoiceFactory
from tests.integration.test_imports import import_rows

pytestmark = pytest.mark.django_db

HEADER = "Numéro;Client (référence);Libellé;Date d'émission;Montant TTC;Fichier PDF\n"


def table(*rows, header=HEADER) -> bytes:
    return (header + "".join(f"{row}\n" for row in rows)).encode()


def stored_files() -> set[Path]:
    """The documents' files (the previews waiting to be applied left out)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {
        path
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).parts[0] != "imports"
    }


@pytest.fixture
def jeanne(agency):
    return ClientFactory(agency=agency, external_ref="C-1")


def pdf(name="F-1.pdf", title="Facture"):
    return SimpleUploadedFile(name, simple_pdf(title), content_type="application/pdf")


def upload(staff, agency, content, pdfs=(), kind="invoices", name="factures.csv"):
    return staff.post(
        reverse("integration_admin:import", args=[kind]),
        {
            "agency": agency.pk,
            "file": SimpleUploadedFile(name, content),
            "pdfs": list(pdfs),
        },
    )


def apply(staff, token, kind="invoices"):
    return staff.post(
        reverse("integration_admin:import_apply", args=[kind]), {"token": token}
    )


def text(answer) -> str:
    return html.unescape(answer.content.decode())


def token_of(answer) -> str:
    found = re.search(r'name="token" value="([^"]+)"', text(answer))
    return found[1] if found else ""


class TestRows:
    def test_french_amounts_and_dates(self, agency, jeanne):
        content = table(
            "F-1;C-1;Aide à domicile novembre;30/11/2026;1 234,56 €;F-1.pdf",
            header=HEADER.replace("\n", ";Échéance;Statut\n"),
        ).replace(b"F-1.pdf\n", b"F-1.pdf;15/12/2026;\xc3\x80 payer\n")
        files = PdfFiles({"F-1.pdf": simple_pdf("F")})
        report = import_rows(agency, "invoices", content, "f.csv", files=files)
        assert report.saved, report.rows[0].errors
        assert report.rows[0].result_label == "créée"
        invoice = Invoice.objects.get(agency=agency, number="F-1")
        assert invoice.amount_cents == 123456
        assert invoice.amount_due_cents == 123456  # to pay: the whole amount
        assert (invoice.issued_on, invoice.due_on) == (
            date(2026, 11, 30),
            date(2026, 12, 15),
        )
        assert invoice.document.is_published and invoice.document.client == jeanne

    def test_what_remains_to_pay_or_the_status_decides_it(self, agency, jeanne):
        content = table(
            "F-1;C-1;Facture;30/11/2026;100,00;F.pdf;40,50;",
            "F-2;C-1;Facture;30/11/2026;100,00;F.pdf;;Payée",
            header=HEADER.replace("\n", ";Reste à payer;Statut\n"),
        )
        files = PdfFiles({"F.pdf": simple_pdf("F")})
        report = import_rows(agency, "invoices", content, "f.csv", files=files)
        assert report.saved, [row.errors for row in report.rows]
        due = dict(Invoice.objects.values_list("number", "amount_due_cents"))
        assert due == {"F-1": 4050, "F-2": 0}

    def test_api_names_iso_dates_and_cents(self, agency, jeanne):
        content = table(
            "D-1,C-1,Devis,2026-11-02,12550,2026-12-31,devis.pdf",
            header="number,client,title,issued_on,amount_cents,valid_until,pdf\n",
        )
        files = PdfFiles({"Devis.PDF": simple_pdf("D")})
        report = import_rows(agency, "quotes", content, "d.csv", files=files)
        assert [row.result for row in report.rows] == ["created"]
        quote = Quote.objects.get(agency=agency, number="D-1")
        assert (quote.amount_cents, quote.valid_until) == (12550, date(2026, 12, 31))

    def test_amounts_in_euros(self):
        assert euros_to_cents("125,50") == 12550
        assert euros_to_cents("125.5") == 12550
        assert euros_to_cents("1\u202f000 €") == 100000
        for bad in ("12,345", "-3", "douze", "nan"):
            with pytest.raises(Exception, match="montant|décimales"):
                euros_to_cents(bad)

    def test_a_row_naming_a_pdf_not_sent_and_bad_cells_are_errors(self, agency, jeanne):
        content = table(
            "F-1;C-1;Facture;30/11/2026;10,00;absent.pdf",
            "F-2;C-1;Facture;31/02/2026;dix;F-2.pdf",
            "F-3;C-1;Facture;30/11/2026;10,00;",
        )
        report = import_rows(
            agency,
            "invoices",
            content,
            "f.csv",
            preview=True,
            files=PdfFiles({"F-2.pdf": simple_pdf("F"), "extra.pdf": b"%PDF"}),
        )
        errors = [row.errors for row in report.rows]
        assert errors[0] == [
            "Fichier PDF : « absent.pdf » n'est pas parmi les PDF envoyés."
        ]
        assert any(e.startswith("Date d'émission :") for e in errors[1])
        assert any(e.startswith("Montant TTC : « dix »") for e in errors[1])
        assert errors[2] == [
            "Fichier PDF : Le PDF est obligatoire pour créer cet élément."
        ]
        # F-2.pdf is named by a row (in error): only extra.pdf is ignored.
        assert report.ignored_files == ["extra.pdf"]

    def test_an_update_without_pdf_keeps_it_and_a_paid_invoice_is_locked(
        self, agency, jeanne
    ):
        invoice = InvoiceFactory(
            client=jeanne, number="F-1", amount_cents=1000, amount_due_cents=1000
        )
        paid = InvoiceFactory(
            client=jeanne, number="F-2", status="paid", amount_due_cents=0
        )
        document = invoice.document_id
        content = table(
            "F-1;C-1;Nouveau libellé;02/11/2026;10,00;",
            f"F-2;C-1;Autre;02/11/2026;{paid.amount_cents / 100};",
        )
        report = import_rows(agency, "invoices", content, "f", preview=True)
        assert [row.result for row in report.rows] == ["updated", "error"]
        assert report.rows[1].errors == [
            "Cette facture est payée : elle ne peut plus être modifiée."
        ]
        invoice.refresh_from_db()
        assert invoice.title != "Nouveau libellé" and invoice.document_id == document


class TestAdmin:
    def test_preview_saves_nothing_and_leaves_no_file(self, staff, agency, jeanne):
        before = stored_files()
        answer = upload(
            staff,
            agency,
            table("F-1;C-1;Facture;30/11/2026;125,50;F-1.pdf"),
            [pdf("F-1.pdf"), pdf("autre.pdf")],
        )
        page = text(answer)
        assert answer.status_code == 200
        assert "Aperçu de « factures.csv »" in page and "créée" in page
        assert "125,50" in page
        assert "PDF ignorés (aucune ligne ne les nomme) : autre.pdf" in page
        assert not Invoice.objects.exists() and not PortalDocument.objects.exists()
        assert stored_files() == before  # the PDF stored by the preview: deleted

        answer = apply(staff, token_of(answer))
        assert "toutes les lignes ont été enregistrées" in text(answer)
        invoice = Invoice.objects.get(agency=agency, number="F-1")
        assert invoice.amount_cents == 12550
        assert len(stored_files() - before) == 1  # its PDF
        assert invoice.document.file.read().startswith(b"%PDF")

    def test_apply_is_all_or_nothing_and_removes_what_it_stored(
        self, staff, agency, jeanne
    ):
        content = table(
            "F-1;C-1;Facture;30/11/2026;10;F-1.pdf",
            "F-2;C-2;Facture;30/11/2026;10;F-2.pdf",
        )
        other = ClientFactory(agency=agency, external_ref="C-2")
        answer = upload(staff, agency, content, [pdf("F-1.pdf"), pdf("F-2.pdf")])
        token = token_of(answer)
        assert token
        other.delete()  # meanwhile: the second row now fails
        before = stored_files()
        page = text(apply(staff, token))
        assert "Aucune ligne n'a été enregistrée : 1 ligne en erreur." in page
        assert "Aucune fiche n'a la référence « C-2 »" in page
        assert not Invoice.objects.exists() and not PortalDocument.objects.exists()
        assert stored_files() == before

    def test_pdfs_in_a_zip_archive(self, staff, agency, jeanne):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("novembre/Février.pdf", simple_pdf("F"))
            archive.writestr("__MACOSX/novembre/._Février.pdf", b"x")
            archive.writestr("lisez-moi.txt", b"x")
        archive = SimpleUploadedFile("pdf.zip", buffer.getvalue())
        content = table("F-1;C-1;Facture;30/11/2026;10;février.pdf")
        answer = upload(staff, agency, content, [archive])
        assert "PDF ignorés" not in text(answer)
        apply(staff, token_of(answer))
        assert Invoice.objects.get(number="F-1").document.file.read()[:4] == b"%PDF"

    def test_two_pdfs_of_one_name_or_too_many_bytes_are_refused(
        self, staff, agency, jeanne, monkeypatch
    ):
        content = table("F-1;C-1;Facture;30/11/2026;10;F-1.pdf")
        answer = upload(staff, agency, content, [pdf("F-1.pdf"), pdf("f-1.PDF")])
        assert "Deux PDF s'appellent « f-1.PDF »." in text(answer)
        monkeypatch.setattr("integration.import_billing.MAX_PDF_TOTAL", 100)
        answer = upload(staff, agency, content, [pdf("F-1.pdf")])
        assert "Les PDF dépassent 0 Mo en tout" in text(answer)
        assert token_of(answer) == "" and not Invoice.objects.exists()

    def test_a_row_in_error_offers_no_import(self, staff, agency, jeanne):
        answer = upload(staff, agency, table("F-1;C-1;Facture;30/11/2026;10;F-1.pdf"))
        page = text(answer)
        assert "« F-1.pdf » n'est pas parmi les PDF envoyés" in page
        assert token_of(answer) == ""

    def test_contracts_and_the_listing_button(self, staff, agency, jeanne):
        content = table(
            "K-1;C-1;Contrat;01/12/2026;0;k.pdf;01/12/2026",
            header=HEADER.replace("\n", ";Début\n"),
        )
        answer = upload(staff, agency, content, [pdf("k.pdf")], kind="contracts")
        apply(staff, token_of(answer), kind="contracts")
        assert Contract.objects.get(number="K-1").starts_on == date(2026, 12, 1)
        listing = reverse(Contract.snippet_viewset.get_url_name("list"))
        assert reverse("integration_admin:import", args=["contracts"]) in text(
            staff.get(listing)
        )
        menu = text(staff.get("/admin/"))
        assert reverse("integration_admin:import", args=["quotes"]) in menu

    def test_another_agency_is_refused(self, staff, other_agency):
        ClientFactory(agency=other_agency, external_ref="C-1")
        answer = upload(
            staff,
            other_agency,
            table("F-1;C-1;Facture;30/11/2026;10;F-1.pdf"),
            [pdf("F-1.pdf")],
        )
        assert "Sélectionnez un choix valide" in text(answer)
        assert token_of(answer) == ""
        assert not Invoice.objects.exists()

    def test_without_add_and_change_permission_the_import_is_refused(
        self, staff, agency, jeanne
    ):
        agency.staff_group.permissions.remove(
            Permission.objects.get(codename="change_invoice")
        )
        target = reverse("integration_admin:import", args=["invoices"])
        listing = reverse(Invoice.snippet_viewset.get_url_name("list"))
        assert target not in text(staff.get(listing))
        assert staff.get(target)["Location"] == "/admin/"
        answer = upload(
            staff,
            agency,
            table("F-1;C-1;Facture;30/11/2026;10;F-1.pdf"),
            [pdf("F-1.pdf")],
        )
        assert answer["Location"] == "/admin/"
        assert not Invoice.objects.exists()
        # Quotes keep their own permission.
        assert (
            staff.get(reverse("integration_admin:import", args=["quotes"])).status_code
            == 200
        )
