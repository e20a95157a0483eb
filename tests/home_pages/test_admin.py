"""The portal page in the Wagtail admin, driven through real requests as staff would."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from access.models import Portal
from access.services import portal_identity_update
from home_pages.models import WRITE_NEEDS_WEEK_OR_MONTH, PortalLink, PortalPage
from tests.conftest import portal_url, sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

UNKNOWN_PLACEHOLDER = "Paramètres inconnus"
NOT_A_WEB_ADDRESS = "commençant par http:// ou https://"
KEY_TAKEN = "Cette clé est déjà utilisée par un autre portail."
HOSTNAME_TAKEN = "Ce nom d'hôte est déjà utilisé par un autre portail."


def portal_page(agency, kind="client") -> PortalPage:
    return PortalPage.objects.get(portal__agency=agency, portal__kind=kind)


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def signed_in_staff(client, agency):
    return sign_in(client, StaffFactory(agency=agency))


def page_form_data(page, *, links=(), **overrides) -> dict:
    """What the edit form posts to publish the page as it stands, with `overrides`.

    `links` are (name, url) pairs added as new extra links (the pages of these tests
    start without any). List values post as repeated fields (checkboxes).
    """
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "home_mode": page.home_mode,
            "home_url": page.home_url,
            "home_body": streamfield([]),
            "home_message": page.home_message,
            "planning_default_view": page.planning_default_view,
            "extra_links": inline_formset(
                [{"id": "", "name": name, "url": url} for name, url in links]
            ),
            "portal_key": page.portal.key,
            "portal_hostname": page.portal.hostname or "",
            "logo": "",
        }
    )
    data.update(
        menu_sections=list(page.menu_sections),
        planning_interventions=list(page.planning_interventions),
        planning_availabilities=list(page.planning_availabilities),
        planning_absences=list(page.planning_absences),
    )
    data["action-publish"] = "action-publish"
    data.update(overrides)
    return data


def form_errors(response) -> dict:
    assert response.status_code == 200, "the form was not shown again with errors"
    return response.context["form"].errors


def link_errors(response) -> list[str]:
    assert response.status_code == 200, "the form was not shown again with errors"
    links = response.context["form"].formsets["extra_links"]
    return [message for form in links.forms for message in form.errors.get("url", [])]


@pytest.fixture
def admin(client, agency):
    return signed_in_staff(client, agency)


class TestPortalPageEditing:
    def test_staff_can_open_their_agencys_portal_page(self, admin, agency):
        page = portal_page(agency)
        response = admin.get(edit_url(page))
        assert response.status_code == 200
        assert response.context["page"].id == page.id

    def test_staff_publishing_a_change_makes_it_live(self, admin, agency, api):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page), page_form_data(page, home_message="Fermé le 15 août.")
        )
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "wagtailadmin_explore", args=[page.get_parent().id]
        )
        page.refresh_from_db()
        assert page.live and not page.has_unpublished_changes
        assert page.home_message == "Fermé le 15 août."
        home = api.get(portal_url("alpha-clients", "home")).json()
        assert home["message"] == "Fermé le 15 août."

    def test_staff_is_refused_another_agencys_portal_page(self, admin, other_agency):
        page = portal_page(other_agency)
        response = admin.get(edit_url(page))
        # Wagtail turns PermissionDenied into a redirect to the dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_staff_cannot_save_another_agencys_portal_page(
        self, admin, other_agency, api
    ):
        page = portal_page(other_agency)
        revisions = page.revisions.count()
        response = admin.post(
            edit_url(page),
            page_form_data(page, home_message="Piraté", portal_key="pirate"),
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        page.refresh_from_db()
        assert page.home_message != "Piraté"
        assert page.revisions.count() == revisions
        assert Portal.objects.filter(key="beta-clients").exists()
        assert not Portal.objects.filter(key="pirate").exists()
        home = api.get(portal_url("beta-clients", "home")).json()
        assert home["message"] != "Piraté"


class TestPlanningRights:
    @pytest.mark.parametrize("default_view", ["day", "list"])
    def test_write_action_is_refused_unless_the_default_view_is_week_or_month(
        self, admin, agency, default_view
    ):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page),
            page_form_data(
                page,
                planning_default_view=default_view,
                planning_absences=["view", "create"],
            ),
        )
        assert form_errors(response)["planning_default_view"] == [
            str(WRITE_NEEDS_WEEK_OR_MONTH)
        ]
        page.refresh_from_db()
        assert page.planning_absences == []
        assert page.planning_default_view == "week"

    def test_read_only_planning_is_accepted_with_the_day_view(self, admin, agency):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page),
            page_form_data(
                page, planning_default_view="day", planning_absences=["view"]
            ),
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert (page.planning_default_view, page.planning_absences) == ("day", ["view"])

    def test_write_action_is_accepted_with_the_week_view(self, admin, agency):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page),
            page_form_data(
                page,
                planning_default_view="week",
                planning_absences=["view", "create"],
            ),
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.planning_absences == ["view", "create"]


class TestExtraLinks:
    @pytest.mark.parametrize(
        "url, message",
        [
            ("https://x.example.org/?c={foo}", UNKNOWN_PLACEHOLDER),
            ("https://x.example.org/?i={intervenant_id}", UNKNOWN_PLACEHOLDER),
            ("javascript:alert(1)", NOT_A_WEB_ADDRESS),
            ("ftp://x.example.org/fichier", NOT_A_WEB_ADDRESS),
        ],
    )
    def test_client_portal_refuses_a_link_it_cannot_fill_or_is_not_a_web_address(
        self, admin, agency, url, message
    ):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page), page_form_data(page, links=[("Paiement", url)])
        )
        errors = link_errors(response)
        assert len(errors) == 1 and message in errors[0]
        assert not PortalLink.objects.filter(page=page).exists()

    def test_client_portal_accepts_a_link_with_the_client_id(self, admin, agency):
        page = portal_page(agency)
        url = "https://x.example.org/?c={client_id}"
        response = admin.post(
            edit_url(page), page_form_data(page, links=[("Paiement", url)])
        )
        assert response.status_code == 302
        assert list(
            PortalLink.objects.filter(page=page).values_list("name", "url")
        ) == [("Paiement", url)]

    def test_intervenant_portal_accepts_the_intervenant_id(self, admin, agency):
        page = portal_page(agency, "intervenant")
        url = "https://x.example.org/?i={intervenant_id}"
        response = admin.post(
            edit_url(page), page_form_data(page, links=[("Planning", url)])
        )
        assert response.status_code == 302
        assert PortalLink.objects.filter(page=page, url=url).exists()


class TestPortalAddress:
    def test_new_key_and_host_name_are_written_to_the_portal(self, admin, agency, api):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page),
            page_form_data(
                page, portal_key="alpha-familles", portal_hostname="Portail.Alpha.FR"
            ),
        )
        assert response.status_code == 302
        portal = Portal.objects.get(pk=page.portal_id)
        assert (portal.key, portal.hostname) == ("alpha-familles", "portail.alpha.fr")
        assert api.get(portal_url("alpha-familles", "config")).status_code == 200
        assert api.get(portal_url("alpha-clients", "config")).status_code == 404

    def test_key_pasted_with_surrounding_spaces_is_saved_trimmed(self, admin, agency):
        page = portal_page(agency)
        response = admin.post(
            edit_url(page), page_form_data(page, portal_key="  alpha-familles ")
        )
        assert response.status_code == 302
        assert Portal.objects.get(pk=page.portal_id).key == "alpha-familles"

    @pytest.mark.parametrize("taken", ["beta-clients", "alpha-intervenants"])
    def test_key_of_another_portal_is_refused(self, admin, agency, other_agency, taken):
        page = portal_page(agency)
        response = admin.post(edit_url(page), page_form_data(page, portal_key=taken))
        assert form_errors(response)["portal_key"] == [KEY_TAKEN]
        assert Portal.objects.get(pk=page.portal_id).key == "alpha-clients"

    def test_host_name_of_another_portal_is_refused(self, admin, agency, other_agency):
        other = other_agency.portals.get(kind="client")
        portal_identity_update(portal=other, key=other.key, hostname="beta.example.org")
        page = portal_page(agency)
        response = admin.post(
            edit_url(page), page_form_data(page, portal_hostname="Beta.Example.org")
        )
        assert form_errors(response)["portal_hostname"] == [HOSTNAME_TAKEN]
        assert Portal.objects.get(pk=page.portal_id).hostname is None

    def test_form_shows_the_portals_current_address(self, admin, agency):
        page = portal_page(agency)
        response = admin.get(edit_url(page))
        help_text = response.context["form"].fields["portal_key"].help_text
        assert "http://testserver/p/alpha-clients/" in help_text
        assert page.address in response.content.decode()

    def test_form_shows_the_host_name_address_once_one_is_set(self, admin, agency):
        page = portal_page(agency)
        portal_identity_update(
            portal=page.portal, key=page.portal.key, hostname="portail.alpha.fr"
        )
        response = admin.get(edit_url(page))
        help_text = response.context["form"].fields["portal_key"].help_text
        assert "https://portail.alpha.fr/" in help_text
        assert "https://portail.alpha.fr/" in response.content.decode()


class TestStaffFindTheirPortals:
    def test_the_portails_menu_opens_each_portal_configuration(self, client, agency):
        signed_in_staff(client, agency)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Portails" in page
        assert edit_url(portal_page(agency, "client")) in page.replace("\\/", "/")
        assert edit_url(portal_page(agency, "intervenant")) in page.replace("\\/", "/")

    def test_the_portails_menu_names_no_portal_of_another_agency(
        self, client, agency, other_agency
    ):
        signed_in_staff(client, agency)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        for kind in ("client", "intervenant"):
            assert edit_url(portal_page(other_agency, kind)) not in page.replace(
                "\\/", "/"
            )

    def test_the_page_chooser_offers_no_page_of_another_agency(
        self, client, agency, other_agency
    ):
        signed_in_staff(client, agency)
        root = client.get(reverse("wagtailadmin_choose_page")).json()["html"]
        assert other_agency.name not in root
        folder = portal_page(other_agency).get_parent()
        below = client.get(reverse("wagtailadmin_choose_page_child", args=[folder.pk]))
        for page in PortalPage.objects.filter(portal__agency=other_agency):
            assert f'data-id="{page.pk}"' not in below.json()["html"]

    def test_staff_see_only_the_menus_they_use(self, client, agency):
        signed_in_staff(client, agency)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        for hidden in ('"name": "explorer"', '"name": "snippets"', '"name": "reports"'):
            assert hidden not in page

    def test_no_promotion_tab_nor_moderation_on_portal_pages(self, client, agency):
        signed_in_staff(client, agency)
        page = client.get(edit_url(portal_page(agency))).content.decode()
        assert "Promotion" not in page
        assert "Moderators" not in page

    def test_the_page_live_address_is_the_portal_address(self, agency):
        page = portal_page(agency)
        assert page.get_full_url() == page.portal.address
        assert page.get_parent().specific.get_url_parts() is not None

    def test_the_home_message_elides_the_agency_name(self, agency):
        assert (
            portal_page(agency).home_message
            == "Bienvenue sur le portail d'Agence alpha."
        )

    def test_the_collection_is_named_after_the_agency(self, agency):
        assert agency.collection.name == agency.name
