"""Documents in the admin, in a real browser: a person's Documents tab (upload,
publish, unpublish), the collective documents of the documents admin, and what
the portals' API then lists."""

import re
from functools import partial

import pytest
from playwright.sync_api import expect

from cms.demo_pdf import simple_pdf
from home_pages.services import portal_page_configure
from media.models import PortalDocument
from tests.browser.conftest import assert_accessible, open_form_from_tab
from tests.conftest import portal_url, signed_in
from tests.factories import (
    ClientFactory,
    DocumentFactory,
    IntervenantFactory,
    PortalAccountFactory,
)


def pdf_file(name="document.pdf", title="Document"):
    return {"name": name, "mimeType": "application/pdf", "buffer": simple_pdf(title)}


def api_titles(account) -> set[str]:
    response = signed_in(account).get(portal_url(account.portal.key, "documents"))
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


def record_path(person) -> str:
    kind = person.portal_kind
    return f"/admin/snippets/access/{kind}/edit/{person.pk}/#person-documents"


def documents_tab(page):
    return page.locator("#person-documents").locator("xpath=..")


@pytest.fixture
def document(browser_agency):
    """Documents of the browser agency, as DocumentFactory makes them."""
    return partial(DocumentFactory, agency=browser_agency)


@pytest.fixture
def client_person(browser_agency):
    portal_page_configure(
        page=browser_agency.portals.get(kind="client").page,
        menu_sections=["documents", "invoices", "resources"],
    )
    return ClientFactory(agency=browser_agency, first_name="Jeanne", last_name="Roux")


@pytest.fixture
def intervenant(browser_agency):
    return IntervenantFactory(
        agency=browser_agency, first_name="Paul", last_name="Petit"
    )


def test_publish_then_unpublish_an_invoice_from_the_clients_record(
    admin_page, admin_url, client_person
):
    account = PortalAccountFactory(person=client_person)
    page = admin_page
    page.goto(admin_url(record_path(client_person)))
    open_form_from_tab(
        page, "Documents", "Nouveau fichier", "Nouveau fichier : Jeanne Roux"
    )
    page.get_by_label("Libellé").fill("Facture novembre")
    page.get_by_label("Fichier").set_input_files(pdf_file("facture.pdf", "Facture"))
    page.get_by_label("Catégorie").select_option(label="Facture")
    page.get_by_label("Année").fill("2026")
    page.get_by_label("Période").fill("2026-11")
    expect(page.get_by_label("Publier sur le portail clients")).to_be_checked()
    page.get_by_role("button", name="Ajouter").click()

    expect(
        page.get_by_text("Le document « Facture novembre » est publié")
    ).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Facture novembre"))
    expect(row).to_contain_text("novembre 2026")
    expect(row).to_contain_text("Publié")
    document = PortalDocument.objects.get(title="Facture novembre")
    assert document.client == client_person and document.is_published
    assert document.category == "invoice" and document.period == "2026-11"
    assert "Facture novembre" in api_titles(account)

    row.get_by_role("button", name="Dépublier").click()
    expect(
        page.get_by_text("Le document « Facture novembre » n'est plus visible")
    ).to_be_visible()
    expect(page.get_by_role("tab", name="Documents")).to_have_attribute(
        "aria-selected", "true"
    )
    row = page.get_by_role("row", name=re.compile("Facture novembre"))
    expect(row).to_contain_text("Non publié")
    expect(row.get_by_role("button", name="Publier")).to_be_visible()
    document.refresh_from_db()
    assert not document.is_published
    client_person.refresh_from_db()
    assert client_person.first_name == "Jeanne"  # the record was not saved instead
    assert "Facture novembre" not in api_titles(account)


def test_every_row_acts_on_its_own_document(
    admin_page, admin_url, document, client_person
):
    first = document(title="Devis", owner=client_person)
    second = document(title="Contrat", owner=client_person, category="contract")
    page = admin_page
    page.goto(admin_url(record_path(client_person)))
    page.get_by_role("row", name=re.compile("Devis")).get_by_role(
        "button", name="Dépublier"
    ).click()
    expect(page.get_by_text("Le document « Devis » n'est plus visible")).to_be_visible()
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_published and second.is_published

    page.get_by_role("link", name="Supprimer « Contrat »").click()
    expect(page.get_by_text("Supprimer « Contrat » de Jeanne Roux")).to_be_visible()
    page.get_by_role("button", name="Oui, supprimer").click()
    expect(page.get_by_text("Le document « Contrat » est supprimé.")).to_be_visible()
    expect(page.get_by_role("tab", name="Documents")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_role("row", name=re.compile("Contrat"))).to_have_count(0)
    assert not PortalDocument.objects.filter(pk=second.pk).exists()
    assert PortalDocument.objects.filter(pk=first.pk).exists()


def test_publish_a_collective_document_to_both_portals(
    admin_page, admin_url, browser_agency, client_person, intervenant
):
    client_account = PortalAccountFactory(person=client_person)
    intervenant_account = PortalAccountFactory(person=intervenant)
    page = admin_page
    page.goto(admin_url("/admin/documents/"))
    page.get_by_role("link", name="Nouveau document collectif").click()
    expect(page.locator("#header-title")).to_have_text("Nouveau document collectif")
    page.get_by_label("Titre").fill("Livret d'accueil 2027")
    page.get_by_label("Fichier").set_input_files(pdf_file("livret.pdf", "Livret"))
    page.get_by_label("Portail clients").check()
    page.get_by_label("Portail intervenants").check()
    expect(page.get_by_label("Publié")).to_be_checked()
    page.get_by_role("button", name="Transférer").click()

    # Back on the listing, which opens on the collective documents.
    row = page.get_by_role("row", name=re.compile("Livret d'accueil 2027"))
    expect(row).to_contain_text("Clients et intervenants")
    expect(row).to_contain_text("Ressource")
    document = PortalDocument.objects.get(title="Livret d'accueil 2027")
    assert document.agency == browser_agency and document.is_published
    assert document.for_clients and document.for_intervenants
    assert document.client is None and document.intervenant is None
    assert "Livret d'accueil 2027" in api_titles(client_account)
    assert "Livret d'accueil 2027" in api_titles(intervenant_account)


def test_the_listing_keeps_individual_documents_apart(
    admin_page, admin_url, browser_agency, document, client_person
):
    document(title="Charte", for_intervenants=True)
    document(title="Facture Roux", owner=client_person, category="invoice")
    page = admin_page
    page.goto(admin_url("/admin/documents/"))
    expect(page.get_by_role("row", name=re.compile("Charte"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Facture Roux"))).to_have_count(0)

    page.goto(admin_url("/admin/documents/?scope=individual"))
    row = page.get_by_role("row", name=re.compile("Facture Roux"))
    expect(row).to_contain_text("Jeanne Roux")
    expect(row).to_contain_text("Facture")
    expect(page.get_by_role("row", name=re.compile("Charte"))).to_have_count(0)
    assert PortalDocument.objects.filter(agency=browser_agency).count() == 2


def test_categories_fit_the_persons_kind(
    admin_page, admin_url, client_person, intervenant
):
    page = admin_page
    page.goto(admin_url(record_path(intervenant)))
    page.get_by_role("link", name="Nouveau fichier").click()
    category = page.get_by_label("Catégorie")
    expect(category.locator("option")).to_have_text(
        ["Choisissez une catégorie", "Bulletin de salaire", "Ressource"]
    )
    page.get_by_label("Libellé").fill("Bulletin de salaire octobre")
    page.get_by_label("Fichier").set_input_files(pdf_file())
    category.select_option(label="Bulletin de salaire")
    page.get_by_role("button", name="Ajouter").click()
    expect(
        page.get_by_text("« Bulletin de salaire octobre » est publié")
    ).to_be_visible()
    document = PortalDocument.objects.get(title="Bulletin de salaire octobre")
    assert document.intervenant == intervenant and document.category == "payslip"

    page.goto(admin_url(record_path(client_person)))
    open_form_from_tab(
        page, "Documents", "Nouveau fichier", "Nouveau fichier : Jeanne Roux"
    )
    options = page.get_by_label("Catégorie").locator("option").all_text_contents()
    assert "Bulletin de salaire" not in options
    assert {"Facture", "Devis", "Contrat", "Attestation fiscale"} <= set(options)
    assert options[0] == "Choisissez une catégorie"  # nothing chosen in advance
    assert not PortalDocument.objects.filter(client=client_person).exists()


def test_the_documents_tab_is_accessible(
    admin_page, admin_url, document, client_person
):
    document(title="Devis", owner=client_person)
    document(title="Contrat", owner=client_person, category="contract", publish=False)
    page = admin_page
    page.goto(admin_url(record_path(client_person)))
    expect(page.get_by_role("button", name="Publier « Contrat »")).to_be_visible()
    assert_accessible(page)
    page.goto(admin_url("/admin/documents/?scope=all"))
    expect(page.get_by_role("row", name=re.compile("Devis"))).to_be_visible()
    assert_accessible(page)
    assert PortalDocument.objects.filter(client=client_person).count() == 2
