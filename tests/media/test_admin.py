"""Publishing documents in the admin, as agency staff do."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from access.models import Client
from cms.demo_pdf import simple_pdf
from home_pages.services import portal_page_configure
from media.models import PortalDocument
from tests.conftest import portal_url, sign_in, signed_in
from tests.factories import ClientFactory, DocumentFactory, StaffFactory

pytestmark = pytest.mark.django_db


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


def record_url(person):
    return reverse(type(person).snippet_viewset.get_url_name("edit"), args=[person.pk])


def documents_tab(staff, person) -> str:
    """The HTML of the record's Documents tab, as the edit page renders it."""
    page = staff.get(record_url(person)).content.decode()
    start = page.index('id="person-documents"')
    return page[start : page.index("</section>", start)]


def bare_icons(html) -> list[str]:
    """Icons drawn at the SVG's full size: neither wrapped in a button's icon
    wrapper nor given a size."""
    found = []
    for match in re.finditer(r'<svg class="icon icon-([\w-]+) ([^"]*)"', html):
        wrapped = html[: match.start()].rstrip().endswith('class="icon-wrapper">')
        if not wrapped and "w-w-" not in match.group(2):
            found.append(match.group(1))
    return found


class TestIndividualPublishing:
    def test_the_record_has_a_documents_tab(self, staff, client_person):
        DocumentFactory(
            agency=client_person.agency, title="Contrat signé", owner=client_person
        )
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
        document = DocumentFactory(agency=agency, title="Devis", owner=client_person)
        response = staff.post(reverse("media_admin:unpublish", args=[document.pk]))
        assert response.url == record_url(client_person) + "#person-documents"
        assert "Devis" not in api_titles(client_account)
        staff.post(reverse("media_admin:publish", args=[document.pk]))
        assert "Devis" in api_titles(client_account)

    def test_unpublishing_twice_never_publishes_again(
        self, staff, agency, client_person, client_account
    ):
        document = DocumentFactory(agency=agency, title="Devis", owner=client_person)
        url = reverse("media_admin:unpublish", args=[document.pk])
        staff.post(url)
        staff.post(url)  # a second click, or a page left open in another tab
        document.refresh_from_db()
        assert not document.is_published

    def test_the_record_says_the_document_is_unpublished(
        self, staff, agency, client_person
    ):
        document = DocumentFactory(agency=agency, title="Devis", owner=client_person)
        response = staff.post(
            reverse("media_admin:unpublish", args=[document.pk]), follow=True
        )
        page = response.content.decode()
        assert "Le document « Devis » n&#x27;est plus visible sur le portail." in page

    @pytest.mark.parametrize("action", ["publish", "unpublish"])
    def test_another_agency_document_cannot_be_published_or_unpublished(
        self, staff, other_agency, action
    ):
        document = DocumentFactory(
            agency=other_agency, title="Ailleurs", for_clients=True, publish=False
        )
        document_published = DocumentFactory(
            agency=other_agency, title="Ailleurs 2", for_clients=True
        )
        target = document if action == "publish" else document_published
        response = staff.post(reverse(f"media_admin:{action}", args=[target.pk]))
        assert response.status_code == 404
        target.refresh_from_db()
        assert target.is_published == (action == "unpublish")

    def test_publishing_answers_post_only(self, staff, agency, client_person):
        document = DocumentFactory(agency=agency, owner=client_person, publish=False)
        url = reverse("media_admin:publish", args=[document.pk])
        assert staff.get(url).status_code == 405


class TestDeleting:
    def test_deleting_from_the_record_returns_to_its_tab(
        self, staff, agency, client_person, client_account
    ):
        document = DocumentFactory(agency=agency, title="Devis", owner=client_person)
        url = reverse("media_admin:delete", args=[document.pk])
        page = staff.get(url).content.decode()
        assert f"Supprimer « Devis » de {client_person}" in page
        response = staff.post(url)
        assert response.url == record_url(client_person) + "#person-documents"
        assert not PortalDocument.objects.filter(pk=document.pk).exists()
        assert "Devis" not in api_titles(client_account)

    def test_the_tab_links_to_it(self, staff, agency, client_person):
        document = DocumentFactory(agency=agency, title="Devis", owner=client_person)
        tab = documents_tab(staff, client_person)
        assert reverse("media_admin:delete", args=[document.pk]) in tab

    def test_a_signed_document_is_kept_with_a_message(self, staff, agency, terms):
        url = reverse("media_admin:delete", args=[terms.document.pk])
        response = staff.post(url, follow=True)
        assert "ne peut pas être supprimé" in response.content.decode()
        assert PortalDocument.objects.filter(pk=terms.document.pk).exists()

    def test_another_agency_document_cannot_be_deleted(self, staff, other_agency):
        document = DocumentFactory(
            agency=other_agency, title="Ailleurs", for_clients=True
        )
        url = reverse("media_admin:delete", args=[document.pk])
        assert staff.get(url).status_code == 404
        assert staff.post(url).status_code == 404
        assert PortalDocument.objects.filter(pk=document.pk).exists()


class TestDocumentsTab:
    """The tab sits inside the record's edit form: its buttons post without a
    nested form (which would submit the record, or lack the CSRF token)."""

    def test_the_tab_has_no_form_of_its_own(self, staff, agency, client_person):
        DocumentFactory(agency=agency, title="A", owner=client_person)
        DocumentFactory(agency=agency, title="B", owner=client_person, publish=False)
        assert "<form" not in documents_tab(staff, client_person)

    def test_each_row_posts_its_action_through_wagtail(
        self, staff, agency, client_person
    ):
        published = DocumentFactory(agency=agency, title="A", owner=client_person)
        draft = DocumentFactory(
            agency=agency, title="B", owner=client_person, publish=False
        )
        tab = documents_tab(staff, client_person)
        assert tab.count('data-action="w-action#post"') == 2
        unpublish = reverse("media_admin:unpublish", args=[published.pk])
        publish = reverse("media_admin:publish", args=[draft.pk])
        assert f'data-w-action-url-value="{unpublish}"' in tab
        assert f'data-w-action-url-value="{publish}"' in tab

    def test_icons_are_drawn_at_button_size(self, staff, agency, client_person):
        DocumentFactory(agency=agency, title="A", owner=client_person)
        tab = documents_tab(staff, client_person)
        assert "icon-plus" in tab
        assert bare_icons(tab) == []

    def test_the_period_shows_once(self, staff, agency, client_person):
        DocumentFactory(
            agency=agency, title="A", owner=client_person, year=2026, period="2026-11"
        )
        tab = documents_tab(staff, client_person)
        assert "novembre 2026" in tab and "2026 2026" not in tab


class TestPageTitles:
    """Wagtail shows the last breadcrumb as the page's visible title."""

    def test_the_upload_page_names_the_person(self, staff, client_person):
        page = staff.get(upload_url(client_person)).content.decode()
        assert "Nouveau fichier : " + str(client_person) in page
        assert record_url(client_person) in page  # breadcrumb back to the record

    def test_the_share_page_names_the_document(self, staff, agency, client_person):
        document = DocumentFactory(agency=agency, title="Plan", owner=client_person)
        page = staff.get(
            reverse("media_admin:share", args=[document.pk])
        ).content.decode()
        assert f"Partager « Plan » de {client_person}" in page


class TestCategories:
    def test_a_client_is_offered_no_payslip_and_no_default(self, staff, client_person):
        page = staff.get(upload_url(client_person)).content.decode()
        assert 'value="invoice"' in page and 'value="payslip"' not in page
        select = page.split('name="category"')[1].split("</select>")[0]
        assert re.findall(r'<option value="(\w*)" selected', select) == [""]

    def test_an_intervenant_is_offered_no_invoice(self, staff, agency):
        from tests.factories import IntervenantFactory

        person = IntervenantFactory(agency=agency)
        page = staff.get(upload_url(person, "intervenant")).content.decode()
        assert 'value="payslip"' in page
        for category in ("invoice", "quote", "contract", "tax_certificate"):
            assert f'value="{category}"' not in page

    def test_a_payslip_for_a_client_is_refused(self, staff, client_person):
        response = staff.post(
            upload_url(client_person),
            {"title": "Paie", "file": pdf(), "category": "payslip"},
        )
        assert response.status_code == 200
        assert not PortalDocument.objects.filter(title="Paie").exists()

    def test_the_category_must_be_chosen(self, staff, client_person):
        response = staff.post(
            upload_url(client_person), {"title": "Sans", "file": pdf()}
        )
        assert response.status_code == 200
        assert not PortalDocument.objects.filter(title="Sans").exists()


def signed_in_neighbour(agency):
    from tests.factories import PortalAccountFactory

    return PortalAccountFactory(person=ClientFactory(agency=agency))


class TestSharing:
    def test_sharing_and_withdrawing_a_document(
        self, staff, agency, client_person, client_account
    ):
        other = ClientFactory(agency=agency)
        document = DocumentFactory(agency=agency, title="Plan de soins", owner=other)
        url = reverse("media_admin:share", args=[document.pk])
        staff.post(url, {"person": f"client-{client_person.pk}"})
        assert "Plan de soins" in api_titles(client_account)
        assert str(client_person) in staff.get(url).content.decode()
        staff.post(url, {"person": f"client-{client_person.pk}", "action": "withdraw"})
        assert "Plan de soins" not in api_titles(client_account)

    def test_a_person_of_another_agency_cannot_be_added(
        self, staff, agency, other_agency
    ):
        document = DocumentFactory(agency=agency, title="Interne", for_clients=True)
        stranger = ClientFactory(agency=other_agency)
        response = staff.post(
            reverse("media_admin:share", args=[document.pk]),
            {"person": f"client-{stranger.pk}"},
        )
        assert response.status_code == 404

    def test_another_agency_document_cannot_be_shared(self, staff, other_agency):
        document = DocumentFactory(
            agency=other_agency, title="Ailleurs", for_clients=True
        )
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
        DocumentFactory(agency=other_agency, title="Secret beta", for_clients=True)
        assert (
            "Secret beta"
            not in staff.get(reverse("wagtaildocs:index")).content.decode()
        )


class TestWagtailServing:
    def test_portal_accounts_cannot_use_wagtail_document_urls(
        self, client, agency, client_account, client_person
    ):
        document = DocumentFactory(agency=agency, title="Facture", owner=client_person)
        client.force_login(
            client_account, backend="access.backends.PortalAccountBackend"
        )
        assert client.get(document.url).status_code == 404

    def test_staff_of_the_agency_may_and_others_may_not(
        self, staff, agency, other_agency
    ):
        mine = DocumentFactory(agency=agency, title="A", for_clients=True)
        theirs = DocumentFactory(agency=other_agency, title="B", for_clients=True)
        assert staff.get(mine.url).status_code == 200
        assert staff.get(theirs.url).status_code == 404


def test_the_document_edit_page_offers_sharing(client, agency):
    sign_in(client, StaffFactory(agency=agency))
    document = DocumentFactory(agency=agency, title="Plan", for_clients=True)
    page = client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert reverse("media_admin:share", args=[document.pk]) in page
