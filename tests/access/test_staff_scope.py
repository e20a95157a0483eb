"""The one rule of what a staff member may know of in the admin (access.staff_scope),
and its two shapes for views: rows the user may act on, rows reached by agency."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from access.models import Agency, Client, User
from access.staff_scope import (
    staff_rows,
    staff_rows_by_agency,
    staff_rows_with_permission,
)
from tests.factories import PASSWORD, ClientFactory, PortalAccountFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="root", email="root@example.org", password=PASSWORD
    )


class TestStaffRows:
    def test_staff_know_their_agencies_only(self, agency, other_agency):
        assert list(staff_rows(Agency, StaffFactory(agency=other_agency))) == [
            other_agency
        ]

    def test_a_superuser_knows_every_agency(self, agency, other_agency, superuser):
        assert set(staff_rows(Agency, superuser)) == {agency, other_agency}

    def test_staff_of_another_agency_know_none_of_its_people(
        self, agency, other_agency
    ):
        own = ClientFactory(agency=other_agency)
        ClientFactory(agency=agency)
        assert list(staff_rows(Client, StaffFactory(agency=other_agency))) == [own]


class TestStaffRowsWithPermission:
    def test_staff_reach_their_agencys_rows_for_an_action_they_hold(
        self, agency, other_agency
    ):
        own = ClientFactory(agency=agency)
        ClientFactory(agency=other_agency)
        rows = staff_rows_with_permission(
            Client, StaffFactory(agency=agency), ["change"]
        )
        assert list(rows) == [own]

    def test_staff_reach_no_row_for_an_action_they_do_not_hold(self, agency):
        ClientFactory(agency=agency)
        agency.staff_group.permissions.remove(
            Permission.objects.get(codename="change_client")
        )
        staff = StaffFactory(agency=agency)
        assert not staff_rows_with_permission(Client, staff, ["change"]).exists()
        assert staff_rows_with_permission(Client, staff, ["view"]).exists()

    def test_a_superuser_reaches_every_agencys_rows(
        self, superuser, agency, other_agency
    ):
        people = {ClientFactory(agency=agency), ClientFactory(agency=other_agency)}
        assert set(staff_rows_with_permission(Client, superuser, ["change"])) == people


class TestStaffRowsByAgency:
    def test_staff_of_another_agency_see_none_of_its_accounts(
        self, agency, other_agency
    ):
        account = PortalAccountFactory(person=ClientFactory(agency=agency))
        mine = staff_rows_by_agency(User, StaffFactory(agency=agency), "portal__agency")
        theirs = staff_rows_by_agency(
            User, StaffFactory(agency=other_agency), "portal__agency"
        )
        assert list(mine) == [account]
        assert not theirs.exists()

    def test_a_superuser_sees_every_row_even_one_of_no_agency(self, superuser, agency):
        account = PortalAccountFactory(person=ClientFactory(agency=agency))
        rows = staff_rows_by_agency(User, superuser, "portal__agency")
        # The superuser's own account has no portal, hence no agency.
        assert {account, superuser} <= set(rows)
