import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from access.models import Portal
from access.services import portal_account_create, portal_identity_update
from home_pages.models import AgencyFolderPage, PortalPage
from tests.factories import AgencyFactory, ClientFactory, IntervenantFactory

pytestmark = pytest.mark.django_db


class TestAgencyCreate:
    def test_creating_an_agency_creates_its_two_portals_and_pages(self):
        agency = AgencyFactory(slug="gamma")
        assert {p.kind: p.key for p in agency.portals.all()} == {
            "client": "gamma-clients",
            "intervenant": "gamma-intervenants",
        }
        folder = AgencyFolderPage.objects.get(agency=agency)
        pages = PortalPage.objects.child_of(folder).live()
        assert sorted(p.portal.kind for p in pages) == ["client", "intervenant"]

    def test_the_staff_group_may_edit_only_its_agency_folder(self):
        agency = AgencyFactory(slug="gamma")
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
        from home_pages.services import agency_setup

        agency = AgencyFactory(slug="gamma")
        agency_setup(agency=agency)
        assert agency.portals.count() == 2
        assert PortalPage.objects.filter(portal__agency=agency).count() == 2
        assert agency.staff_group.page_permissions.count() == 4

    def test_an_invalid_agency_leaves_nothing_behind(self):
        with pytest.raises(ValidationError):
            AgencyFactory(slug="delta", plan="essentiel", client_module=True)
        assert not Portal.objects.filter(key__startswith="delta").exists()
        assert not Group.objects.filter(name="Agence delta").exists()


class TestPortalIdentity:
    def test_a_key_used_by_another_portal_is_refused(self, agency, other_agency):
        portal = agency.portals.get(kind="client")
        with pytest.raises(ValidationError):
            portal_identity_update(portal=portal, key="beta-clients", hostname=None)

    @pytest.mark.parametrize("hostname", ["https://x.fr/", "x.fr/path", "a b.fr"])
    def test_a_host_name_must_be_a_bare_domain(self, agency, hostname):
        portal = agency.portals.get(kind="client")
        with pytest.raises(ValidationError):
            portal_identity_update(portal=portal, key=portal.key, hostname=hostname)

    def test_host_names_are_stored_lower_case(self, agency):
        portal = agency.portals.get(kind="client")
        portal_identity_update(
            portal=portal, key=portal.key, hostname=" Portail.EX.fr "
        )
        portal.refresh_from_db()
        assert portal.hostname == "portail.ex.fr"


class TestPortalAccountCreate:
    def test_an_account_is_bound_to_the_portal_of_its_person(self, agency):
        account = portal_account_create(
            person=IntervenantFactory(agency=agency),
            identifier="i@example.org",
            password="Un-mot-de-passe-solide-42",
        )
        assert account.portal.kind == "intervenant"
        assert account.portal.agency == agency
        assert not account.is_staff

    def test_a_taken_identifier_is_unavailable_whatever_its_case(self, agency):
        person = ClientFactory(agency=agency)
        portal_account_create(
            person=person, identifier="a@example.org", password="Un-mot-de-passe-42!"
        )
        with pytest.raises(ValidationError) as error:
            portal_account_create(
                person=person,
                identifier="A@EXAMPLE.org",
                password="Un-mot-de-passe-42!",
            )
        assert error.value.message_dict["username"] == ["Identifiant indisponible"]

    def test_weak_passwords_are_refused(self, agency):
        with pytest.raises(ValidationError):
            portal_account_create(
                person=ClientFactory(agency=agency),
                identifier="b@x.org",
                password="1234",
            )
