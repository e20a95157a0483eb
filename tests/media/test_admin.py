"""Publishing documents in the admin, as agency staff do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from access.models import Client
from cms.demo_pdf import simple_pdf
from home_pages.services import portal_page_configure
from media.models import PortalDocument
from tests.conftest import portal_url, sign_in, signed_in
from tests.documents import make_document
from tests.factories import ClientFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, agency):
    return sign_in(client, make_staff(agency))


@pytest.fixture(autouse=True)
def documents_on(agency):
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "invoices", "resources"],
    )


def pdf(name="facture.pdf"):
    return SimpleUploadedFile(
        name, simple_pdf("Facture"), content_type="application/pdf"
    )


def upload_url(person, kind="client"):
    return reverse("media_admin:upload", args=[kind, person.pk])


def api_titles(account):
    response = signed_in(account).get(portal_url("alpha-clients", "documents"))
    return {item["title"] for item in response.json()["results"]}


class TestIndividualPublishing:
    def test_the_record_has_a_documents_tab(self, staff, client_person):
        make_document(client_person.agency, title="Contrat signé", owner=client_person)
        page = staff.get(
            reverse(
                Client.snippet_viewset.get_url_name("edit"), args=[client_person.pk]
            )
        ).content.decode()
        assert "Contrat signé" in page and upload_url(client_person) in page

    def test_uploading_from_the_record_publishes_to_that_person_only(
        self, staff, agency, client_person, client_account
    ):
        response = staff.post(
            upload_url(client_person),
            {
                "title": "Facture mars",
                "file": pdf(),
                "category": "invoice",
                "year": 2026,
                "publish": "on",
            },
        )
        assert response.status_code == 302
        document = PortalDocument.objects.get(title="Facture mars")
        assert document.client == client_person and document.agency == agency
        assert document.collection == agency.collection
        assert "Facture mars" in api_titles(client_account)
        neighbour = signed_in_neighbour(agency)
        assert "Facture mars" not in api_titles(neighbour)

    def test_a_bad_file_is_refused_in_french_and_nothing_is_saved(
        self, staff, client_person
    ):
        page = staff.post(
            upload_url(client_person),
            {
                "title": "Virus",
                "file": SimpleUploadedFile("x.pdf", b"MZ..."),
                "category": "invoice",
            },
        ).content.decode()
        assert "Type de fichier non accepté" in page
        assert not PortalDocument.objects.filter(title="Virus").exists()

    def test_another_agency_person_is_not_found(self, staff, other_agency):
        stranger = ClientFactory(agency=other_agency)
        assert staff.get(upload_url(stranger)).status_code == 404

    def test_unpublishing_hides_the_document_at_once(
        self, staff, agency, client_person, client_account
    ):
        document = make_document(agency, title="Devis", owner=client_person)
        staff.post(reverse("media_admin:toggle", args=[document.pk]))
        assert "Devis" not in api_titles(client_account)
        staff.post(reverse("media_admin:toggle", args=[document.pk]))
        assert "Devis" in api_titles(client_account)

    def test_another_agency_document_cannot_be_toggled(self, staff, other_agency):
        document = make_document(other_agency, title="Ailleurs", for_clients=True)
        response = staff.post(reverse("media_admin:toggle", args=[document.pk]))
        assert response.status_code == 404
        document.refresh_from_db()
        assert document.is_published


def signed_in_neighbour(agency):
    from tests.factories import make_account

    return make_account(ClientFactory(agency=agency))


class TestSharing:
    def test_sharing_and_withdrawing_a_document(
        self, staff, agency, client_person, client_account
    ):
        other = ClientFactory(agency=agency)
        document = make_document(agency, title="Plan de soins", owner=other)
        url = reverse("media_admin:share", args=[document.pk])
        staff.post(url, {"person": f"client-{client_person.pk}"})
        assert "Plan de soins" in api_titles(client_account)
        assert str(client_person) in staff.get(url).content.decode()
        staff.post(url, {"person": f"client-{client_person.pk}", "action": "withdraw"})
        assert "Plan de soins" not in api_titles(client_account)

    def test_a_person_of_another_agency_cannot_be_added(
        self, staff, agency, other_agency
    ):
        document = make_document(agency, title="Interne", for_clients=True)
        stranger = ClientFactory(agency=other_agency)
        response = staff.post(
            reverse("media_admin:share", args=[document.pk]),
            {"person": f"client-{stranger.pk}"},
        )
        assert response.status_code == 404

    def test_another_agency_document_cannot_be_shared(self, staff, other_agency):
        document = make_document(other_agency, title="Ailleurs", for_clients=True)
        url = reverse("media_admin:share", args=[document.pk])
        assert staff.get(url).status_code == 404


class TestCollectivePublishing:
    def test_a_collective_document_reaches_every_client_of_the_agency(
        self, staff, agency, client_account
    ):
        response = staff.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Livret",
                "file": pdf("livret.pdf"),
                "collection": agency.collection.pk,
                "for_clients": "on",
                "category": "resource",
                "is_published": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        document = PortalDocument.objects.get(title="Livret")
        assert document.agency == agency and document.content_type == "application/pdf"
        assert "Livret" in api_titles(client_account)

    def test_a_bad_file_is_refused_by_the_documents_admin(self, staff, agency):
        staff.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Script",
                "file": SimpleUploadedFile("a.pdf", b"<script>"),
                "collection": agency.collection.pk,
                "for_clients": "on",
                "category": "resource",
            },
        )
        assert not PortalDocument.objects.filter(title="Script").exists()

    def test_staff_do_not_see_another_agency_documents(self, staff, other_agency):
        make_document(other_agency, title="Secret beta", for_clients=True)
        assert (
            "Secret beta"
            not in staff.get(reverse("wagtaildocs:index")).content.decode()
        )


class TestWagtailServing:
    def test_portal_accounts_cannot_use_wagtail_document_urls(
        self, client, agency, client_account, client_person
    ):
        document = make_document(agency, title="Facture", owner=client_person)
        client.force_login(
            client_account, backend="access.backends.PortalAccountBackend"
        )
        assert client.get(document.url).status_code == 404

    def test_staff_of_the_agency_may_and_others_may_not(
        self, staff, agency, other_agency
    ):
        mine = make_document(agency, title="A", for_clients=True)
        theirs = make_document(other_agency, title="B", for_clients=True)
        assert staff.get(mine.url).status_code == 200
        assert staff.get(theirs.url).status_code == 404


def test_the_document_edit_page_offers_sharing(client, agency):
    sign_in(client, make_staff(agency))
    document = make_document(agency, title="Plan", for_clients=True)
    page = client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert reverse("media_admin:share", args=[document.pk]) in page
