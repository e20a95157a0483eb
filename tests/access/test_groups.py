"""access.services.groups called directly: one group per person, which every
account of the person joins, present or future."""

import pytest

from access.services import person_group_ensure, person_group_join
from tests.factories import ClientFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


class TestPersonGroup:
    def test_the_group_is_made_once_with_the_accounts_the_person_has(
        self, client_account
    ):
        person = client_account.client
        group = person_group_ensure(person=person)
        assert person_group_ensure(person=person) == group
        assert group.name == f"client-{person.pk}"
        assert list(group.user_set.all()) == [client_account]

    def test_a_later_account_joins_its_persons_group(self, client_account):
        group = person_group_ensure(person=client_account.client)
        second = PortalAccountFactory(
            person=client_account.client, identifier="fils@example.org"
        )
        person_group_join(account=second)
        person_group_join(account=second)  # joining twice is one membership
        assert set(group.user_set.all()) == {client_account, second}

    def test_joining_without_a_group_yet_makes_none(self, agency):
        account = PortalAccountFactory(person=ClientFactory(agency=agency))
        person_group_join(account=account)
        account.client.refresh_from_db()
        assert account.client.group is None
        assert not account.groups.exists()
