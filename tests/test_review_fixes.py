"""Regressions found in review: each test names the hole it keeps closed."""

import pytest
from django.urls import reverse

from access.models import Client
from home_pages.services import portal_page_configure
from tests.conftest import portal_url, sign_in, signed_in
from tests.documents import make_document
from tests.factories import PASSWORD, ClientFactory, make_account, make_staff

pytestmark = pytest.mark.django_db


def login(api, key, identifier, password):
    return api.post(
        portal_url(key, "auth/login"),
        {"identifier": identifier, "password": password},
        format="json",
    )


class TestLockoutsArePerPortal:
    def test_portal_failures_never_lock_a_staff_member_out_of_the_admin(
        self, api, client, agency
    ):
        staff = make_staff(agency, username="chef")
        for _attempt in range(6):
            login(api, "alpha-clients", "chef", "wrong")
        sign_in(client, staff)  # asserts the admin sign-in still works


class TestAdminLeaks:
    def test_site_history_is_for_superusers_only(self, client, agency):
        sign_in(client, make_staff(agency))
        assert client.get("/admin/reports/site-history/").status_code == 403
        assert client.get("/admin/reports/site-history/results/").status_code == 403

    def test_page_types_report_and_multiple_page_choice_are_for_superusers_only(
        self, client, agency, other_agency
    ):
        # Issue 11, item 14: both named other agencies' pages to any staff member.
        from home_pages.models import PortalPage

        foreign = PortalPage.objects.filter(portal__agency=other_agency).first()
        sign_in(client, make_staff(agency))
        for url in (
            "/admin/reports/page-types-usage/",
            "/admin/reports/page-types-usage/results/",
            f"/admin/choose-page/chosen-multiple/?id={foreign.pk}",
        ):
            response = client.get(url)
            assert response.status_code == 403, url
            assert foreign.title not in response.content.decode()

    def test_a_person_cannot_be_moved_to_another_agency(
        self, client, agency, other_agency
    ):
        from django.contrib.auth import get_user_model

        root = get_user_model().objects.create_superuser("root", "r@x.org", PASSWORD)
        sign_in(client, root)
        person = ClientFactory(agency=agency)
        url = reverse(Client.snippet_viewset.get_url_name("edit"), args=[person.pk])
        page = client.get(url).content.decode()
        at = page.index('name="agency"')
        assert "disabled" in page[at - 300 : at + 300]
        client.post(
            url, {"agency": other_agency.pk, "first_name": "X", "last_name": "Y"}
        )
        person.refresh_from_db()
        assert person.agency == agency

    def test_unknown_person_kinds_in_admin_urls_are_not_found(self, client, agency):
        sign_in(client, make_staff(agency))
        assert client.get("/admin/portail/foo/1/generer/").status_code == 404
        assert client.get("/admin/portail/foo/creation/").status_code == 404
        assert client.get("/admin/documents-portail/foo/1/nouveau/").status_code == 404

    def test_a_logo_from_another_agency_is_refused(self, agency, other_agency):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        from home_pages.forms import PortalPageForm

        theirs = Image.objects.create(
            title="B", file=get_test_image_file(), collection=other_agency.collection
        )
        page = agency.portals.get(kind="client").page
        form_class = type(page).get_edit_handler().get_form_class()
        form = form_class(instance=page, for_user=None)
        assert issubclass(form_class, PortalPageForm)
        assert not form.fields["logo"].queryset.filter(pk=theirs.pk).exists()


class TestApiErrors:
    def test_a_write_to_an_unknown_api_route_is_a_json_404(self, db):
        from django.test import Client as BrowserClient

        response = BrowserClient(enforce_csrf_checks=True).post("/api/v1/nothing")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_a_bad_cursor_is_invalid_input(self, agency, client_account):
        portal_page_configure(
            page=agency.portals.get(kind="client").page,
            menu_sections=["documents", "resources"],
        )
        response = signed_in(client_account).get(
            portal_url("alpha-clients", "documents"), {"cursor": "garbage"}
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid"

    def test_a_title_without_letters_still_downloads(
        self, agency, client_account, client_person
    ):
        portal_page_configure(
            page=agency.portals.get(kind="client").page,
            menu_sections=["documents", "invoices"],
        )
        document = make_document(
            agency, title="€ ——", owner=client_person, category="invoice"
        )
        response = signed_in(client_account).get(
            portal_url("alpha-clients", f"documents/{document.pk}/download")
        )
        assert response["Content-Disposition"] == 'attachment; filename="document.pdf"'

    def test_the_documents_list_is_documented_as_a_page(self, api):
        import yaml

        schema = yaml.safe_load(api.get("/api/v1/schema/").content)
        ok = schema["paths"]["/api/v1/portals/{portal}/documents"]["get"]["responses"]
        ref = ok["200"]["content"]["application/json"]["schema"]["$ref"]
        page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert set(page["properties"]) == {"next", "previous", "results"}

    def test_a_deleted_home_image_does_not_break_home(self, api, agency):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        image = Image.objects.create(
            title="i", file=get_test_image_file(), collection=agency.collection
        )
        portal_page_configure(
            page=agency.portals.get(kind="client").page,
            home_mode="html",
            home_body=[("image", image), ("heading", "Bonjour")],
        )
        image.delete()
        response = api.get(portal_url("alpha-clients", "home"))
        assert response.status_code == 200
        assert "Bonjour" in response.json()["html"]


class TestModuleOff:
    def test_no_account_is_generated_on_a_portal_whose_module_is_off(self, agency):
        from django.core.exceptions import ValidationError

        from access.services import portal_account_generate

        agency.client_module = False
        agency.save()
        person = ClientFactory(agency=agency)
        with pytest.raises(ValidationError):
            portal_account_generate(person=person)
        assert not person.accounts.exists()

    def test_the_command_refuses_a_portal_whose_module_is_off(self, agency):
        from django.core.management import CommandError, call_command

        agency.intervenant_module = False
        agency.save()
        with pytest.raises(CommandError):
            call_command(
                "portal_accounts", "generate", "--portal", "alpha-intervenants", "--all"
            )


def test_make_account_still_works(agency):
    assert make_account(ClientFactory(agency=agency)).portal.key == "alpha-clients"
