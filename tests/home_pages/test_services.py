"""home_pages.services called directly: an agency with its pages and rights, and a
portal page's settings published in one go or not at all."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from access.models import Portal
from home_pages.models import AgencyFolderPage, PortalPage
from home_pages.services import agency_create, agency_setup, portal_page_configure

pytestmark = pytest.mark.django_db


def gamma(**fields):
    return agency_create(
        name="Agence Gamma",
        slug="gamma",
        plan=fields.pop("plan", "premium"),
        client_module=True,
        intervenant_module=True,
        **fields,
    )


class TestAgencyCreate:
    def test_creating_an_agency_creates_its_two_portals_and_pages(self):
        agency = gamma()
        assert {p.kind: p.key for p in agency.portals.all()} == {
            "client": "gamma-clients",
            "intervenant": "gamma-intervenants",
        }
        folder = AgencyFolderPage.objects.get(agency=agency)
        pages = PortalPage.objects.child_of(folder).live()
        assert sorted(p.portal.kind for p in pages) == ["client", "intervenant"]

    def test_the_staff_group_may_edit_only_its_agency_folder(self):
        agency = gamma()
        group = agency.staff_group
        permissions = group.page_permissions.all()
        assert {p.page_id for p in permissions} == {agency.folder_page.pk}
        assert {p.permission.codename for p in permissions} >= {
            "change_page",
            "publish_page",
        }
        assert group.permissions.filter(codename="access_admin").exists()
        assert agency.collection is not None
        assert group.collection_permissions.filter(
            collection=agency.collection
        ).exists()

    def test_setup_is_idempotent(self):
        agency = gamma()
        agency_setup(agency=agency)
        assert agency.portals.count() == 2
        assert PortalPage.objects.filter(portal__agency=agency).count() == 2
        assert agency.staff_group.page_permissions.count() == 4

    def test_an_invalid_agency_leaves_nothing_behind(self):
        with pytest.raises(ValidationError) as error:
            gamma(plan="essentiel")
        assert "client_module" in error.value.message_dict
        assert not Portal.objects.filter(key__startswith="gamma").exists()
        assert not Group.objects.filter(name="Agence gamma").exists()
        assert not AgencyFolderPage.objects.filter(slug="agence-gamma").exists()


@pytest.fixture
def portal_page(agency):
    return agency.portals.get(kind="intervenant").page


class TestPortalPageConfigure:
    def test_settings_and_links_are_published(self, portal_page):
        portal_page_configure(
            page=portal_page,
            home_message="Nouveau",
            links=[("Agenda", "https://agenda.example/{intervenant_id}")],
        )
        live = PortalPage.objects.get(pk=portal_page.pk)
        assert live.home_message == "Nouveau"
        assert [(link.name, link.url) for link in live.extra_links.all()] == [
            ("Agenda", "https://agenda.example/{intervenant_id}")
        ]
        assert live.live_revision.content["home_message"] == "Nouveau"

    def test_a_setting_of_the_other_portal_is_refused_on_its_field(self, portal_page):
        revision = portal_page.live_revision_id
        with pytest.raises(ValidationError) as error:
            portal_page_configure(page=portal_page, menu_sections=["payment"])
        assert list(error.value.message_dict) == ["menu_sections"]
        portal_page.refresh_from_db()
        assert portal_page.live_revision_id == revision

    def test_a_bad_link_publishes_nothing(self, portal_page):
        with pytest.raises(ValidationError):
            portal_page_configure(
                page=portal_page,
                home_message="Nouveau",
                links=[("x", "javascript:alert(1)")],
            )
        portal_page.refresh_from_db()
        assert portal_page.home_message != "Nouveau"
