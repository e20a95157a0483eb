"""planning.selectors called directly: each read scoped to the person it names."""

from datetime import timedelta

import pytest
from django.utils import timezone

from planning.selectors import client_visited_by, coupons_for_intervenant
from tests.factories import ClientFactory, IntervenantFactory
from tests.factories.planning import CouponFactory, InterventionFactory

pytestmark = pytest.mark.django_db
NOON = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)


class TestClientVisitedBy:
    def test_a_client_the_care_worker_visits(self, agency):
        worker, client = IntervenantFactory(agency=agency), ClientFactory(agency=agency)
        InterventionFactory(client=client, intervenant=worker)
        InterventionFactory(client=client, intervenant=worker)  # one row, not two
        assert client_visited_by(intervenant=worker, client_id=client.pk) == client

    def test_a_colleagues_client_or_none_named_is_none(self, agency):
        worker, colleague = (IntervenantFactory(agency=agency) for _ in range(2))
        theirs = ClientFactory(agency=agency)
        InterventionFactory(client=theirs, intervenant=colleague)
        assert client_visited_by(intervenant=worker, client_id=theirs.pk) is None
        assert client_visited_by(intervenant=worker, client_id=None) is None


class TestCouponsForIntervenant:
    def test_their_own_coupons_filtered_by_status_and_days(self, agency):
        worker, client = IntervenantFactory(agency=agency), ClientFactory(agency=agency)
        days = [NOON - timedelta(days=n) for n in (0, 3, 6)]
        mine = [
            CouponFactory(
                intervention=InterventionFactory(
                    client=client, intervenant=worker, start=day
                )
            )
            for day in days
        ]
        # Another care worker's.
        colleague = IntervenantFactory(agency=agency)
        CouponFactory(
            intervention=InterventionFactory(client=client, intervenant=colleague)
        )
        assert set(coupons_for_intervenant(intervenant=worker)) == set(mine)
        window = coupons_for_intervenant(intervenant=worker, start=days[1], end=days[0])
        assert list(window) == [mine[1]]
        assert (
            list(coupons_for_intervenant(intervenant=worker, status="validated")) == []
        )
        assert len(coupons_for_intervenant(intervenant=worker, status="submitted")) == 3
