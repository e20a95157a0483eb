"""PortalDocumentPolicy, one test per role (DESIGN.md section 5)."""

import pytest
from django.contrib.auth.models import Permission

from media.policies import document_policy
from media.services import document_share, document_unpublish
from tests.factories import ClientFactory, DocumentFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


def can_view(account, document):
    return document_policy.user_has_permission_for_instance(account, "view", document)


@pytest.fixture
def mine(agency, client_person):
    return DocumentFactory(agency=agency, title="Facture", owner=client_person)


class TestPortalDocumentPolicy:
    def test_the_owner_may_see_it(self, client_account, mine):
        assert can_view(client_account, mine)

    def test_another_person_of_the_agency_may_not(self, roles, mine):
        assert not can_view(roles["same_agency_other_person"], mine)

    def test_a_person_of_another_agency_may_not(self, roles, mine):
        assert not can_view(roles["other_agency"], mine)

    def test_an_account_of_the_other_portal_may_not(self, intervenant_account, mine):
        assert not can_view(intervenant_account, mine)

    def test_a_share_opens_it_to_one_more_person(self, roles, agency, mine):
        neighbour = roles["same_agency_other_person"]
        document_share(document=mine, person=neighbour.client)
        assert can_view(neighbour, mine)

    def test_a_collective_document_is_seen_by_its_audience_only(
        self, agency, client_account, intervenant_account, roles
    ):
        collective = DocumentFactory(agency=agency, title="Livret", for_clients=True)
        assert can_view(client_account, collective)
        assert not can_view(intervenant_account, collective)
        assert not can_view(roles["other_agency"], collective)

    def test_an_unpublished_document_is_seen_by_nobody(self, client_account, mine):
        document_unpublish(document=mine)
        assert not can_view(client_account, mine)

    def test_a_global_permission_of_a_group_opens_nothing(self, agency, mine):
        from access.services import person_group_ensure

        neighbour = ClientFactory(agency=agency)
        account = PortalAccountFactory(person=neighbour)
        group = person_group_ensure(person=neighbour)
        group.permissions.add(Permission.objects.get(codename="view_portal_document"))
        assert not can_view(account, mine)

    def test_a_grant_on_a_document_of_another_agency_opens_nothing(
        self, other_agency, client_account, client_person
    ):
        from access.services import person_group_ensure
        from media.models import PortalDocumentGroupObjectPermission

        foreign = DocumentFactory(
            agency=other_agency,
            title="Ailleurs",
            owner=ClientFactory(agency=other_agency),
        )
        PortalDocumentGroupObjectPermission.objects.create(
            group=person_group_ensure(person=client_person),
            permission=Permission.objects.get(codename="view_portal_document"),
            content_object=foreign,
        )
        assert not can_view(client_account, foreign)
        assert foreign not in document_policy.visible_to(client_account)


class TestVisibleTo:
    def test_it_is_the_queryset_of_what_the_account_may_see(
        self, agency, client_account, client_person, intervenant_account
    ):
        mine = DocumentFactory(agency=agency, title="Facture", owner=client_person)
        collective = DocumentFactory(agency=agency, title="Livret", for_clients=True)
        DocumentFactory(agency=agency, title="Charte", for_intervenants=True)
        DocumentFactory(
            agency=agency, title="Brouillon", for_clients=True, publish=False
        )
        visible = document_policy.visible_to(client_account)
        assert set(visible) == {mine, collective}
        assert set(visible.filter(pk=mine.pk)) == {mine}

    def test_a_staff_account_sees_nothing(self, agency):
        from tests.factories import StaffFactory

        DocumentFactory(agency=agency, title="Livret", for_clients=True)
        assert not document_policy.visible_to(StaffFactory(agency=agency)).exists()
