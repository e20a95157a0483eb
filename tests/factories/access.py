"""Agencies, people, portal accounts and staff. Agencies and accounts go through the
real services, so every test agency has its portals, pages, staff group and
permissions, and every account its person's group, exactly as production does."""

import factory
from django.contrib.auth import get_user_model

from access.models import Agency, Client, Intervenant
from access.services import portal_account_create
from home_pages.services import agency_create

from .base import made_by

PASSWORD = "Un-mot-de-passe-solide-42"


class AgencyFactory(made_by(agency_create)):
    """Through `agency_create` (home_pages): the portals and their pages come too."""

    slug = factory.Sequence(lambda n: f"agence{n}")
    name = factory.LazyAttribute(lambda agency: f"Agence {agency.slug}")
    plan = Agency.Plan.PREMIUM
    client_module = True
    intervenant_module = True

    class Meta:
        model = Agency


def make_agency(**fields):
    """The same as AgencyFactory: kept for tests/portal_web, outside issue 12."""
    return AgencyFactory(**fields)


class PersonFactory(factory.django.DjangoModelFactory):
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    phone = "06 12 34 56 78"
    address = "3 rue des Lilas"
    postal_code = "69001"
    city = "Lyon"
    external_ref = factory.Sequence(lambda n: f"REF-{n}")

    class Meta:
        abstract = True


class ClientFactory(PersonFactory):
    # Distinct per model: the two factories count separately, and accounts take
    # the e-mail as identifier.
    email = factory.Sequence(lambda n: f"client{n}@example.org")

    class Meta:
        model = Client


class IntervenantFactory(PersonFactory):
    email = factory.Sequence(lambda n: f"intervenant{n}@example.org")

    class Meta:
        model = Intervenant


class PortalAccountFactory(made_by(portal_account_create)):
    """A portal account of `person` (required), through `portal_account_create`;
    the identifier is the person's e-mail unless given."""

    identifier = factory.LazyAttribute(lambda account: account.person.email)
    password = PASSWORD

    class Meta:
        model = get_user_model()


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member of `agency` (required): in its staff group, as the admin's
    agency accounts are."""

    username = factory.Sequence(lambda n: f"staff{n}")
    password = PASSWORD

    class Meta:
        model = get_user_model()

    @classmethod
    def _create(cls, model_class, *args, agency, **fields):
        user = model_class.objects.create_user(is_staff=True, **fields)
        user.groups.add(agency.staff_group)
        return user
