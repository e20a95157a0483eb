"""Reads of conversations: scoped to the person (all their accounts) or to the
staff member's agencies, with pinned query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from messaging import selectors, services
from messaging.models import Message
from tests.factories import (
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
    StaffFactory,
    pdf_upload,
)
from tests.factories.messaging import AnnouncementFactory, conversation_of

pytestmark = pytest.mark.django_db


def conversations_of(account, count):
    return [conversation_of(account, subject=f"N° {n}") for n in range(count)]


class TestPersonScope:
    def test_every_account_of_the_person_sees_its_conversations_and_nobody_else(
        self, agency, other_agency, client_account
    ):
        mine = conversations_of(client_account, 2)
        second = PortalAccountFactory(
            person=client_account.person, identifier="famille@example.org"
        )
        neighbour = PortalAccountFactory(person=ClientFactory(agency=agency))
        far = PortalAccountFactory(person=ClientFactory(agency=other_agency))
        worker = PortalAccountFactory(person=IntervenantFactory(agency=agency))
        ids = {c.pk for c in mine}
        for account in (client_account, second):
            listed = selectors.conversation_list_for_account(account=account)
            assert {c.pk for c in listed} == ids
            assert selectors.conversation_for_account(account=account, pk=mine[0].pk)
        for account in (neighbour, far, worker):
            assert not selectors.conversation_list_for_account(account=account)
            assert (
                selectors.conversation_for_account(account=account, pk=mine[0].pk)
                is None
            )

    def test_newest_activity_first_with_the_status_filter_and_unread(
        self, agency, client_account
    ):
        staff = StaffFactory(agency=agency)
        old, new = conversations_of(client_account, 2)
        services.message_reply(conversation=old, author=staff, body="Réponse")
        services.conversation_close(conversation=new, by=staff)
        listed = list(selectors.conversation_list_for_account(account=client_account))
        assert [c.pk for c in listed] == [old.pk, new.pk]
        assert [c.unread for c in listed] == [1, 0]
        open_only = selectors.conversation_list_for_account(
            account=client_account, status="open"
        )
        assert [c.pk for c in open_only] == [old.pk]
        assert selectors.unread_count_for_account(account=client_account) == 1

    def test_attachments_are_found_only_within_the_persons_conversations(
        self, agency, client_account
    ):
        conversation = conversation_of(
            client_account,
            uploads=[pdf_upload()],
        )
        attachment = conversation.messages.get().attachments.get()
        neighbour = PortalAccountFactory(person=ClientFactory(agency=agency))
        assert selectors.attachment_for_account(
            account=client_account, pk=attachment.pk
        )
        assert (
            selectors.attachment_for_account(account=neighbour, pk=attachment.pk)
            is None
        )


class TestStaffScope:
    def test_staff_see_their_agencys_conversations_only(
        self, agency, other_agency, client_account
    ):
        conversation = conversations_of(client_account, 1)[0]
        mine = StaffFactory(agency=agency)
        outsider = StaffFactory(agency=other_agency)
        assert [c.pk for c in selectors.conversations_for_staff(mine)] == [
            conversation.pk
        ]
        assert not selectors.conversations_for_staff(outsider)
        assert selectors.conversation_for_staff(outsider, conversation.pk) is None
        assert selectors.unread_count_for_staff(mine) == 1
        assert selectors.unread_count_for_staff(outsider) == 0


class TestAnnouncements:
    def test_current_announcements_of_the_portal_only(
        self, agency, other_agency, client_account, intervenant_account
    ):
        from datetime import timedelta

        from django.utils import timezone

        today = timezone.localdate()
        current = AnnouncementFactory(agency=agency, ends_on=today)
        AnnouncementFactory(agency=agency, ends_on=today - timedelta(days=2))
        AnnouncementFactory(agency=other_agency)
        workers = AnnouncementFactory(
            agency=agency, for_clients=False, for_intervenants=True
        )
        assert [
            a.pk
            for a in selectors.announcement_list_for_account(account=client_account)
        ] == [current.pk]
        assert [
            a.pk
            for a in selectors.announcement_list_for_account(
                account=intervenant_account
            )
        ] == [workers.pk]


def queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


class TestQueryCounts:
    """The same number of queries at 1x and 10x the data."""

    def test_the_list_costs_the_same_for_2_and_20_conversations(self, client_account):
        def page():
            list(selectors.conversation_list_for_account(account=client_account)[:20])

        conversations_of(client_account, 2)
        few = queries(page)
        conversations_of(client_account, 18)
        assert queries(page) == few == 1

    def test_a_conversation_of_100_messages_costs_as_one_of_10(
        self, agency, client_account
    ):
        conversation = conversations_of(client_account, 1)[0]
        staff = StaffFactory(agency=agency)

        def add(count):
            Message.objects.bulk_create(
                Message(
                    conversation=conversation,
                    body=f"Message {n}",
                    from_staff=n % 2 == 0,
                    author=staff if n % 2 == 0 else client_account,
                )
                for n in range(count)
            )

        def read():
            found = selectors.conversation_for_account(
                account=client_account, pk=conversation.pk
            )
            for message in found.messages.all():
                list(message.attachments.all())

        add(9)
        ten = queries(read)
        add(90)
        assert conversation.messages.count() == 100
        assert queries(read) == ten == 3
