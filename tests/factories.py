"""Test data builders. Agencies go through the real service, so every test agency
has its portals, pages, staff group and permissions exactly as production does."""

import itertools

import factory
from django.contrib.auth import get_user_model

from access.models import Agency, Client, Intervenant
from access.services import portal_account_create
from home_pages.services import agency_create

PASSWORD = "Un-mot-de-passe-solide-42"
_sequence = itertools.count(1)


def make_agency(*, slug=None, client_module=True, intervenant_module=True, **fields):
    slug = slug or f"agence{next(_sequence)}"
    return agency_create(
        name=fields.pop("name", f"Agence {slug}"),
        slug=slug,
        plan=fields.pop("plan", Agency.Plan.PREMIUM),
        client_module=client_module,
        intervenant_module=intervenant_module,
        **fields,
    )


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


def make_account(person, *, identifier=None, password=PASSWORD):
    return portal_account_create(
        person=person, identifier=identifier or person.email, password=password
    )


def make_staff(agency, *, username=None):
    user = get_user_model().objects.create_user(
        username=username or f"staff{next(_sequence)}",
        password=PASSWORD,
        is_staff=True,
    )
    user.groups.add(agency.staff_group)
    return user
