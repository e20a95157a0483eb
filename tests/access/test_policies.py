import pytest
from django.contrib.auth import get_user_model

from access.models import Client
from access.policies import AgencyScopedPermissionPolicy
from tests.factories import ClientFactory, StaffFactory

pytestmark = pytest.mark.django_db

policy = AgencyScopedPermissionPolicy(Client)


@pytest.fixture
def people(agency, other_agency):
    return ClientFactory(agency=agency), ClientFactory(agency=other_agency)


class TestClientPolicy:
    def test_staff_may_change_their_agency_clients(self, agency, people):
        assert policy.user_has_permission_for_instance(
            StaffFactory(agency=agency), "change", people[0]
        )

    def test_staff_may_not_change_another_agency_clients(self, agency, people):
        assert not policy.user_has_permission_for_instance(
            StaffFactory(agency=agency), "change", people[1]
        )

    def test_staff_list_only_their_agency_clients(self, agency, people):
        staff = StaffFactory(agency=agency)
        assert list(policy.instances_user_has_permission_for(staff, "change")) == [
            people[0]
        ]

    def test_superusers_see_every_agency(self, people):
        admin = get_user_model().objects.create_superuser("root", "r@x.org", "x")
        assert set(policy.instances_user_has_permission_for(admin, "change")) == set(
            people
        )

    def test_portal_accounts_have_no_admin_permission(self, client_account, people):
        assert not policy.user_has_permission_for_instance(
            client_account, "view", people[0]
        )
        assert not policy.instances_user_has_permission_for(client_account, "view")

    def test_users_without_a_group_see_nothing(self, people):
        nobody = get_user_model().objects.create_user("nobody", password="x")
        assert not policy.instances_user_has_permission_for(nobody, "view").exists()
