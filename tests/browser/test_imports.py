"""Imports as staff run them: from the clients' list, a file with one bad row is
previewed with that row's error and nothing saved; the fixed file is previewed,
applied, and the clients are there. Invoices with their PDFs, from their list."""

from playwright.sync_api import expect

from access.models import Client
from billing.models import Invoice
from cms.demo_pdf import simple_pdf
from tests.browser.conftest import assert_accessible
from tests.factories import ClientFactory

HEADER = "Référence;Prénom;Nom;E-mail;Code postal;Ville\n"
JEANNE = "C-1;Jeanne;Roux;jeanne@x.org;75001;Paris\n"
PAUL_BAD = "C-2;Paul;Martin;pas-un-mail;;\n"
PAUL = "C-2;Paul;Martin;paul@x.org;;\n"
LUCIE = "C-3;Lucie;Blanc;lucie@x.org;69001;Lyon\n"


def send(page, content: str, name="clients.csv"):
    page.get_by_label("Fichier").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Voir l'aperçu").click()


def test_import_clients_with_a_preview_then_apply(
    admin_page, admin_url, browser_agency
):
    ClientFactory(agency=browser_agency, external_ref="C-3", first_name="Lucie",
                  last_name="Blanc", email="lucie@x.org", postal_code="69001",
                  city="Lyon")  # fmt: skip
    page = admin_page
    page.goto(admin_url("/admin/snippets/access/client/"))
    page.get_by_role("link", name="Importer").click()
    expect(page.get_by_role("heading", name="Importer des clients")).to_be_visible()
    expect(page.get_by_role("table", name="Colonnes reconnues")).to_be_visible()
    assert_accessible(page)

    send(page, HEADER + JEANNE + PAUL_BAD + LUCIE)
    expect(
        page.get_by_role("heading", name="Aperçu de « clients.csv » pour Agence Démo")
    ).to_be_visible()
    rows = page.get_by_role("table", name="Ce que l'import fera, ligne par ligne")
    bad = rows.get_by_role("row").filter(has_text="C-2")
    expect(bad).to_contain_text("erreur")
    expect(bad).to_contain_text("E-mail : Saisissez une adresse e-mail valide.")
    expect(rows.get_by_role("row").filter(has_text="C-1")).to_contain_text("créé")
    expect(rows.get_by_role("row").filter(has_text="C-3")).to_contain_text("inchangé")
    expect(page.get_by_role("alert")).to_contain_text("1 ligne est en erreur")
    expect(page.get_by_role("button", name="Importer les 3 lignes")).to_have_count(0)
    assert_accessible(page)
    assert not Client.objects.filter(external_ref__in=["C-1", "C-2"]).exists()

    # The fixed file, sent from the same page.
    send(page, HEADER + JEANNE + PAUL + LUCIE)
    expect(page.get_by_text("Rien n'a encore été enregistré")).to_be_visible()
    assert not Client.objects.filter(external_ref__in=["C-1", "C-2"]).exists()
    page.get_by_role("button", name="Importer les 3 lignes").click()

    expect(
        page.get_by_role("heading", name="Import de « clients.csv » pour Agence Démo")
    ).to_be_visible()
    expect(page.get_by_text("toutes les lignes ont été enregistrées")).to_be_visible()
    results = page.get_by_role("table", name="Résultat de l'import, ligne par ligne")
    expect(results.get_by_role("row").filter(has_text="C-2")).to_contain_text(
        "Paul Martin"
    )
    assert_accessible(page)
    people = {
        person.external_ref: (person.first_name, person.email)
        for person in Client.objects.filter(agency=browser_agency)
    }
    assert people == {
        "C-1": ("Jeanne", "jeanne@x.org"),
        "C-2": ("Paul", "paul@x.org"),
        "C-3": ("Lucie", "lucie@x.org"),
    }

    page.get_by_role("link", name="Voir la liste").click()
    expect(page.get_by_role("link", name="Martin").first).to_be_visible()


def test_import_invoices_with_their_pdfs(admin_page, admin_url, browser_agency):
    ClientFactory(agency=browser_agency, external_ref="C-1")
    page = admin_page
    page.goto(admin_url("/admin/snippets/billing/invoice/"))
    page.get_by_role("link", name="Importer").click()
    expect(page.get_by_role("heading", name="Importer des factures")).to_be_visible()
    table = (
        "Numéro;Client;Libellé;Date d'émission;Montant TTC;Fichier PDF\n"
        "F-1;C-1;Aide novembre;30/11/2026;125,50;F-1.pdf\n"
    )
    page.get_by_label("PDF", exact=True).set_input_files(
        files=[
            {"name": name, "mimeType": "application/pdf", "buffer": simple_pdf(name)}
            for name in ("F-1.pdf", "autre.pdf")
        ]
    )
    send(page, table, name="factures.csv")
    rows = page.get_by_role("table", name="Ce que l'import fera, ligne par ligne")
    expect(rows.get_by_role("row").filter(has_text="F-1")).to_contain_text("créée")
    expect(page.get_by_text("PDF ignorés (aucune ligne ne les nomme)")).to_contain_text(
        "autre.pdf"
    )
    assert_accessible(page)
    assert not Invoice.objects.exists()
    page.get_by_role("button", name="Importer 1 ligne").click()
    expect(page.get_by_text("toutes les lignes ont été enregistrées")).to_be_visible()
    invoice = Invoice.objects.get(agency=browser_agency, number="F-1")
    assert invoice.amount_cents == 12550 and invoice.document.is_published
