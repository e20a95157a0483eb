import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from access.models import Agency, Portal
from access.services import (
    agency_create,
    agency_provision,
    portal_account_create,
    portal_identity_update,
)
from tests.factories import ClientFactory, IntervenantFactory

pytestmark = pytest.mark.django_db


class TestAgencyCreate:
    """access's own part: the portals, the staff group, the collection (the pages
    are home_pages' part, tests/home_pages/test_services.py)."""

    def test_an_agency_gets_its_portals_staff_group_and_collection(self):
        agency = agency_create(
            name="Agence Gamma",
            slug="gamma",
            plan="premium",
            client_module=True,
            sender_emails=("accueil@gamma.example",),
        )
        assert sorted(agency.portals.values_list("key", flat=True)) == [
            "gamma-clients",
            "gamma-intervenants",
        ]
        assert agency.staff_group.permissions.filter(codename="view_client").exists()
        assert agency.collection.name == "Agence Gamma"
        assert [s.email for s in agency.sender_addresses.all()] == [
            "accueil@gamma.example"
        ]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"plan": "essentiel", "client_module": True}, "client_module"),
            ({"sender_emails": ("pas une adresse",)}, "email"),
        ],
    )
    def test_a_refusal_names_its_field_and_leaves_nothing_behind(self, fields, field):
        with pytest.raises(ValidationError) as error:
            agency_create(name="Agence Gamma", slug="gamma", **fields)
        assert field in error.value.message_dict
        assert not Agency.objects.filter(slug="gamma").exists()
        assert not Portal.objects.filter(key__startswith="gamma").exists()
        assert not Group.objects.filter(name="Agence gamma").exists()

    def test_provisioning_again_adds_only_what_is_missing(self):
        agency = agency_create(name="Agence Gamma", slug="gamma")
        group, collection = agency.staff_group, agency.collection
        agency.portals.filter(kind="intervenant").delete()
        agency_provision(agency=agency)
        assert agency.portals.count() == 2
        assert (agency.staff_group, agency.collection) == (group, collection)
        assert Group.objects.filter(name="Agence gamma").count() == 1


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
