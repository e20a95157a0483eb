"""Wagtail's documents admin as staff use it for collective documents: what the
listing shows and filters, and the document forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from tests.factories import (
    ClientFactory,
    DocumentFactory,
    IntervenantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(agency):
    """One document of each sort in the agency."""
    louise = ClientFactory(agency=agency, first_name="Louise", last_name="Roux")
    paul = IntervenantFactory(agency=agency, first_name="Paul", last_name="Petit")
    DocumentFactory(agency=agency, title="Livret clients", for_clients=True)
    DocumentFactory(agency=agency, title="Charte intervenants", for_intervenants=True)
    DocumentFactory(
        agency=agency,
        title="Note à tous",
        for_clients=True,
        for_intervenants=True,
        publish=False,
    )
    DocumentFactory(
        agency=agency,
        title="Facture Roux",
        owner=louise,
        category="invoice",
        year=2026,
        period="2026-11",
    )
    DocumentFactory(agency=agency, title="Paie Petit", owner=paul, category="payslip")
    return {"louise": louise, "paul": paul}


ALL = {
    "Livret clients",
    "Charte intervenants",
    "Note à tous",
    "Facture Roux",
    "Paie Petit",
}


def listed(staff, **query) -> set[str]:
    response = staff.get(reverse("wagtaildocs:index"), query)
    assert response.status_code == 200
    page = response.content.decode()
    return {title for title in ALL if f">{title}<" in page or f"> {title} <" in page}


def listing(staff, **query) -> str:
    return staff.get(reverse("wagtaildocs:index"), query).content.decode()


class TestListingFilters:
    def test_the_listing_opens_on_the_collective_documents(self, staff, documents):
        assert listed(staff) == {"Livret clients", "Charte intervenants", "Note à tous"}

    def test_the_default_type_is_no_active_filter(self, staff, documents):
        assert "Type :" not in listing(staff)

    def test_individual_documents_on_request(self, staff, documents):
        assert listed(staff, scope="individual") == {"Facture Roux", "Paie Petit"}

    def test_every_document_on_request(self, staff, documents):
        assert listed(staff, scope="all") == ALL

    def test_by_portal_collective_and_individual(self, staff, documents):
        assert listed(staff, scope="all", audience="intervenants") == {
            "Charte intervenants",
            "Note à tous",
            "Paie Petit",
        }
        assert listed(staff, scope="all", audience="clients") == {
            "Livret clients",
            "Note à tous",
            "Facture Roux",
        }

    def test_by_category(self, staff, documents):
        assert listed(staff, scope="all", category="payslip") == {"Paie Petit"}

    def test_by_publication(self, staff, documents):
        assert listed(staff, published="no") == {"Note à tous"}

    def test_by_person_name_shows_their_documents(self, staff, documents):
        assert listed(staff, person="roux") == {"Facture Roux"}
        assert listed(staff, person="Paul Petit") == {"Paie Petit"}

    def test_searching_looks_through_every_document(self, staff, documents):
        assert listed(staff, q="Facture") == {"Facture Roux"}

    def test_searching_with_every_filter(self, staff, documents):
        found = listed(staff, q="Facture", scope="individual", audience="clients",
                       category="invoice", published="yes",
                       person="Louise")  # fmt: skip
        assert found == {"Facture Roux"}

    def test_another_agency_documents_stay_hidden(self, staff, other_agency):
        DocumentFactory(agency=other_agency, title="Secret beta", for_clients=True)
        assert "Secret beta" not in listing(staff, scope="all")


class TestListingColumns:
    def test_portal_person_category_period_and_state_are_shown(self, staff, documents):
        page = listing(staff, scope="all")
        for heading in ("Portail", "Personne", "Catégorie", "Période", "Publication"):
            assert f">{heading}<" in page or heading in page
        assert "Louise Roux" in page and "Paul Petit" in page
        assert "Bulletin de salaire" in page and "novembre 2026" in page
        assert "Clients et intervenants" in page and "Non publié" in page
        assert "True" not in page and "False" not in page

    def test_the_person_links_to_their_documents(self, staff, documents):
        louise = documents["louise"]
        record = reverse("wagtailsnippets_access_client:edit", args=[louise.pk])
        assert f"{record}#person-documents" in listing(staff, scope="individual")

    def test_the_add_button_opens_the_collective_form(self, staff, documents):
        page = listing(staff)
        assert reverse("wagtaildocs:add") in page
        assert "Nouveau document collectif" in page


def pdf(name="livret.pdf"):
    return SimpleUploadedFile(
        name, simple_pdf("Livret"), content_type="application/pdf"
    )


class TestCollectiveForm:
    def add(self, staff, agency, **fields):
        return staff.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Livret",
                "file": pdf(),
                "collection": agency.collection.pk,
                "is_published": "on",
                **fields,
            },
        )

    def test_a_document_for_both_portals(self, staff, agency):
        response = self.add(staff, agency, for_clients="on", for_intervenants="on")
        assert response.status_code == 302
        document = PortalDocument.objects.get(title="Livret")
        assert document.for_clients and document.for_intervenants
        assert document.is_published and document.category == "resource"

    def test_publishing_needs_a_portal(self, staff, agency):
        response = self.add(staff, agency)
        assert response.status_code == 200
        assert "choisissez le portail clients" in response.content.decode()
        assert not PortalDocument.objects.filter(title="Livret").exists()

    def test_the_form_offers_no_category(self, staff):
        page = staff.get(reverse("wagtaildocs:add")).content.decode()
        assert 'name="category"' not in page
        assert "Nouveau document collectif" in page
        assert "Nouvel(le)" not in page

    def test_a_sent_category_is_ignored(self, staff, agency):
        self.add(staff, agency, for_clients="on", category="invoice")
        assert PortalDocument.objects.get(title="Livret").category == "resource"

    def test_the_multiple_upload_stores_a_checked_file(self, staff, agency):
        response = staff.post(
            reverse("wagtaildocs:add_multiple"),
            {"title": "Lot", "collection": agency.collection.pk, "files[]": pdf()},
        )
        assert response.json()["success"]
        document = PortalDocument.objects.get(title="Lot")
        assert document.content_type == "application/pdf"
        assert not document.is_published


class TestIndividualEditForm:
    def test_an_individual_document_keeps_its_person_and_kind(
        self, staff, agency, client_person
    ):
        document = DocumentFactory(
            agency=agency, title="Facture", owner=client_person, category="invoice"
        )
        page = staff.get(
            reverse("wagtaildocs:edit", args=[document.pk])
        ).content.decode()
        assert 'name="for_clients"' not in page
        assert 'value="invoice"' in page and 'value="payslip"' not in page
        assert f"Client : {client_person}" in page
        assert "Utilisé(e)" not in page
