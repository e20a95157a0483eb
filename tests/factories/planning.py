"""Planning items written as they are stored, without the services' checks: tests
of those checks build the situation the checks are about (an older coupon, an
overlap made by staff) this way."""

from datetime import timedelta

import factory
from django.utils import timezone

from planning.models import Absence, Availability, Coupon, Intervention


def _tomorrow_morning():
    now = timezone.localtime()
    return now.replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=1)


def _a_day_ago():
    return timezone.now().replace(microsecond=0) - timedelta(days=1)


class PlanningItemFactory(factory.django.DjangoModelFactory):
    """`start` tomorrow at 9:00 unless given (a day ago with `past=True`, as a visit
    one declares), `end` `hours` later (2 unless given)."""

    start = factory.LazyFunction(_tomorrow_morning)
    end = factory.LazyAttribute(lambda item: item.start + timedelta(hours=item.hours))

    class Meta:
        abstract = True

    class Params:
        hours = 2
        past = factory.Trait(start=factory.LazyFunction(_a_day_ago))


class InterventionFactory(PlanningItemFactory):
    """A visit to `client` (required), in the client's agency; unstaffed unless
    `intervenant` is given."""

    agency = factory.SelfAttribute("client.agency")
    intervenant = None

    class Meta:
        model = Intervention


class AvailabilityFactory(PlanningItemFactory):
    """When `intervenant` (required) can work."""

    agency = factory.SelfAttribute("intervenant.agency")

    class Meta:
        model = Availability


class AbsenceFactory(PlanningItemFactory):
    """An absence of `client` or `intervenant` (one of them required)."""

    client = None
    intervenant = None
    agency = factory.LazyAttribute(
        lambda absence: (absence.client or absence.intervenant).agency
    )

    class Meta:
        model = Absence


class CouponFactory(factory.django.DjangoModelFactory):
    """A submitted coupon for `intervention` (required), by its intervenant, declared
    at the planned times unless given."""

    agency = factory.SelfAttribute("intervention.agency")
    intervenant = factory.SelfAttribute("intervention.intervenant")
    start = factory.SelfAttribute("intervention.start")
    end = factory.SelfAttribute("intervention.end")

    class Meta:
        model = Coupon
