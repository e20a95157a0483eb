"""The billing admin in Chromium, as a staff member of Agence Démo (not a superuser)
uses it: an invoice typed in euros, a signature's evidence read in French on the
agency's clock."""

import re
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from access.formatting import format_agency_datetime
from billing.models import Invoice, Signature
from cms.demo_pdf import simple_pdf
from tests.billing.signing import SIGNED_STEPS, signed_signature
from tests.browser.conftest import MARTINIQUE, assert_accessible
from tests.factories import ClientFactory, PortalAccountFactory, TermsFactory

ZONE = MARTINIQUE
NBSP = "\xa0"


@pytest.fixture
def jeanne(agency):
    return ClientFactory(
        agency=agency, first_name="Jeanne", last_name="Roux", email="jeanne@example.org"
    )


def open_new_invoice(page, admin_url):
    page.goto(admin_url("/admin/snippets/billing/invoice/"))
    page.get_by_role("link", name="Ajouter une facture").click()
    expect(page.get_by_role("heading", name="Nouvelle facture")).to_be_visible()


def test_staff_create_an_invoice_in_euros(admin_page, admin_url, jeanne):
    page = admin_page
    open_new_invoice(page, admin_url)
    page.get_by_role("button", name=re.compile("Choisir.* client")).click()
    page.locator(".modal").get_by_role("link", name="Jeanne Roux").click()
    expect(page.locator(".modal")).to_be_hidden()
    page.get_by_role("textbox", name="Numéro").fill("F-2026-001")
    page.get_by_role("textbox", name="Libellé").fill("Facture de novembre")
    issued = page.get_by_role("textbox", name="Date d'émission")
    issued.fill("02/11/2026")
    picker = page.locator(".xdsoft_datetimepicker").first
    expect(picker).to_be_visible()  # it opens a moment after the field has focus
    page.get_by_role("heading", name="Nouvelle facture").click()
    expect(picker).to_be_hidden()
    page.get_by_role("textbox", name="Montant TTC (€)").fill("125,50 €")
    page.locator("input[name=pdf]").set_input_files(
        files=[
            {
                "name": "F-2026-001.pdf",
                "mimeType": "application/pdf",
                "buffer": simple_pdf("Facture F-2026-001"),
            }
        ]
    )
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("La facture F-2026-001 a été créée.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="F-2026-001")
    expect(row).to_contain_text(f"125,50{NBSP}€")  # amount, and the same still due
    expect(row.get_by_role("cell", name="Non", exact=True)).to_be_visible()
    expect(row).to_contain_text("Jeanne Roux")
    invoice = Invoice.objects.get(number="F-2026-001")
    assert (invoice.amount_cents, invoice.amount_due_cents) == (12550, 12550)
    assert invoice.client == jeanne and invoice.status == "pending"
    assert invoice.document.is_published and invoice.document.client == jeanne


def test_a_wrong_amount_is_explained_in_french(admin_page, admin_url, agency):
    page = admin_page
    open_new_invoice(page, admin_url)
    page.get_by_role("textbox", name="Montant TTC (€)").fill("-12,50")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le montant ne peut pas être négatif.")).to_be_visible()
    expect(
        page.get_by_text("La facture n'a pas pu être créée", exact=False)
    ).to_be_visible()
    expect(page.get_by_role("textbox", name="Montant TTC (€)")).to_have_value("-12,50")
    assert not Invoice.objects.exists()


def test_the_invoice_form_is_accessible(admin_page, admin_url, agency):
    open_new_invoice(admin_page, admin_url)
    assert_accessible(admin_page)


def test_staff_read_a_signatures_evidence_in_french_on_the_agencys_clock(
    admin_page, admin_url, agency, staff, jeanne, seal, evidence_cleared
):
    TermsFactory(agency=agency)
    # Sealed later, from the page: pyHanko cannot run in the test's own thread,
    # where Playwright's event loop is.
    with mock.patch("billing.tasks.seal_signature"):
        signature = signed_signature(PortalAccountFactory(person=jeanne), seal=False)
    page = admin_page
    page.goto(admin_url("/admin/snippets/billing/signature/"))
    row = page.get_by_role("row").filter(has_text="Jeanne Roux")
    expect(row).to_contain_text("Signée")
    expect(row).to_contain_text(format_agency_datetime(signature.signed_at, agency))
    row.get_by_role("link", name=re.compile("Signature du devis")).click()

    expect(page).to_have_title(
        re.compile("^Détail de la signature : Signature du devis N-")
    )
    main = page.locator("main")
    for label in (
        "Ouverte le",
        "Signée le",
        "version 2026-11",
        "Document ouvert",
        "Conditions générales acceptées",
        "Code envoyé",
        "Code vérifié : document signé",
        "La chaîne de preuve est intacte.",
        "Adresse IP : 203.0.113.7",
    ):
        expect(main).to_contain_text(label)
    expect(main).to_contain_text(format_agency_datetime(signature.created_at, agency))
    for event in signature.events.all():
        expect(main).to_contain_text(
            format_agency_datetime(event.at, agency, "d/m/Y H:i:s")
        )
    text = main.inner_text()
    for raw in ("code_sent", "opened", "{'", "None", "True", "Evidence head"):
        assert raw not in text, raw
    assert_accessible(page)

    expect(main).to_contain_text("le PDF scellé n'a pas encore été produit.")
    # Agency staff only view signatures: running the sealing again takes the change
    # permission, which an administrator grants.
    reseal = page.get_by_role("button", name="Sceller à nouveau")
    expect(reseal).to_have_count(0)
    staff.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="billing", codename="change_signature"
        )
    )
    page.reload()
    reseal.click()
    expect(page.get_by_text("Scellement relancé.")).to_be_visible()
    expect(main).to_contain_text("PDF signé scellé")
    page.get_by_role("button", name="Vérifier le PDF scellé").click()
    expect(page.get_by_text("PDF scellé intact")).to_be_visible()
    signature.refresh_from_db()
    assert signature.status == Signature.Status.SIGNED and signature.signed_document
    assert [event.step for event in signature.events.all()] == SIGNED_STEPS
