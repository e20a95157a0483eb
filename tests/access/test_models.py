import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from access.models import Agency, User
from tests.conftest import sign_in
from tests.factories import PASSWORD, ClientFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


class TestAgencyPlan:
    @pytest.mark.parametrize("module", ["client_module", "intervenant_module"])
    def test_essentiel_agency_cannot_switch_a_portal_module_on(self, module):
        agency = Agency(
            name="A", slug="a", plan=Agency.Plan.ESSENTIEL, **{module: True}
        )
        with pytest.raises(ValidationError) as error:
            agency.full_clean()
        assert error.value.message_dict[module] == [
            "Ce module nécessite la formule Premium ou supérieure."
        ]

    @pytest.mark.parametrize("plan", [Agency.Plan.PREMIUM, Agency.Plan.ENTREPRISE])
    def test_premium_and_above_can_switch_both_modules_on(self, plan):
        Agency(
            name="A", slug="a", plan=plan, client_module=True, intervenant_module=True
        ).full_clean()


class TestAgencyTimeZone:
    def test_an_unknown_zone_is_refused_in_french(self):
        agency = Agency(name="A", slug="a", time_zone="Mars/Olympus")
        with pytest.raises(ValidationError) as error:
            agency.full_clean()
        assert error.value.message_dict["time_zone"] == [
            "Fuseau horaire inconnu : choisissez-en un de la liste."
        ]

    def test_any_zone_of_the_host_is_accepted(self):
        Agency(name="A", slug="a", time_zone="Pacific/Noumea").full_clean()

    def test_superusers_choose_it_in_the_agency_form(self, client, agency):
        root = User.objects.create_superuser("root", "r@x.org", PASSWORD)
        sign_in(client, root)
        url = reverse("wagtailsnippets_access_agency:edit", args=[agency.pk])
        page = client.get(url).content.decode()
        assert '<option value="Indian/Reunion">' in page
        form = {
            "name": agency.name,
            "slug": agency.slug,
            "plan": agency.plan,
            "account_delivery": agency.account_delivery,
            "time_zone": "Indian/Reunion",
            "client_module": "on",
            "intervenant_module": "on",
            "sender_addresses-TOTAL_FORMS": "0",
            "sender_addresses-INITIAL_FORMS": "0",
            "sender_addresses-MIN_NUM_FORMS": "0",
            "sender_addresses-MAX_NUM_FORMS": "1000",
        }
        assert client.post(url, form).status_code == 302
        agency.refresh_from_db()
        assert agency.time_zone == "Indian/Reunion"


class TestUserIdentifier:
    def test_identifiers_are_unique_whatever_their_case(self, agency):
        PortalAccountFactory(
            person=ClientFactory(agency=agency), identifier="Marie@Example.org"
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.create(username="marie@example.ORG")

    def test_natural_key_lookup_ignores_case(self, agency):
        account = PortalAccountFactory(
            person=ClientFactory(agency=agency), identifier="Marie@x.org"
        )
        assert User.objects.get_by_natural_key("MARIE@X.ORG") == account

    def test_a_portal_account_must_have_exactly_one_person(self, agency):
        portal = agency.portals.get(kind="client")
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.create(username="orphan", portal=portal)

    def test_an_account_cannot_point_at_a_person_of_another_portal(
        self, agency, other_agency
    ):
        account = User(
            username="x",
            portal=agency.portals.get(kind="client"),
            client=ClientFactory(agency=other_agency),
        )
        with pytest.raises(ValidationError):
            account.full_clean()
