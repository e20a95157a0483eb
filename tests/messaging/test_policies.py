"""Who on the staff side may see conversations and announcements: one test per
role (wagtail's documents/tests/test_permissions.py)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.permissions import policy_registry

from messaging.models import Announcement, Conversation
from tests.factories import PortalAccountFactory, StaffFactory
from tests.factories.messaging import AnnouncementFactory, conversation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(agency, client_account):
    return {
        Conversation: conversation_of(client_account),
        Announcement: AnnouncementFactory(agency=agency),
    }


@pytest.mark.parametrize("model", [Conversation, Announcement])
class TestAgencyStaffPolicy:
    def test_staff_of_the_agency_may_act_on_its_rows(self, model, agency, rows):
        policy = policy_registry.get_by_type(model)
        staff = StaffFactory(agency=agency)
        assert policy.user_has_permission_for_instance(staff, "change", rows[model])
        assert list(policy.instances_user_has_permission_for(staff, "view")) == [
            rows[model]
        ]

    def test_staff_of_another_agency_may_not(self, model, other_agency, rows):
        policy = policy_registry.get_by_type(model)
        outsider = StaffFactory(agency=other_agency)
        assert not policy.user_has_permission_for_instance(
            outsider, "change", rows[model]
        )
        assert not policy.instances_user_has_permission_for(outsider, "view")

    def test_a_portal_account_may_not(self, model, client_account, rows):
        policy = policy_registry.get_by_type(model)
        assert not policy.user_has_permission_for_instance(
            client_account, "view", rows[model]
        )
        assert not policy.instances_user_has_permission_for(client_account, "view")

    def test_a_user_of_no_agency_may_not(self, model, rows):
        policy = policy_registry.get_by_type(model)
        nobody = get_user_model().objects.create_user("personne", is_staff=True)
        assert not policy.user_has_permission(nobody, "view")

    def test_a_superuser_may_act_on_every_row(self, model, rows):
        policy = policy_registry.get_by_type(model)
        root = get_user_model().objects.create_superuser("racine", "r@x.org", "x")
        assert policy.user_has_permission_for_instance(root, "delete", rows[model])


def test_the_second_account_is_not_staff(client_account):
    second = PortalAccountFactory(
        person=client_account.person, identifier="famille@example.org"
    )
    policy = policy_registry.get_by_type(Conversation)
    assert not policy.user_has_permission(second, "view")
