"""What a page of messages costs in queries, through the API and in the admin: the
same at 1x and 10x the data, and pinned, so that a relation read per row (an
N+1) or a query added to every request shows here."""

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home_pages.services import portal_page_configure
from messaging.models import Attachment, Message
from tests.conftest import portal_url, sign_in, signed_in
from tests.factories import ClientFactory, PortalAccountFactory, pdf_upload
from tests.factories.messaging import conversation_of

pytestmark = pytest.mark.django_db

# The whole request through the API (the portal and the account come from the
# cache): the page, and the conversation with its messages and their files.
API_LIST = 2
API_CONVERSATION = 4
# In the admin only the messaging tables' queries are pinned: the admin's frame
# (session, menu, other apps' items) is other code's and changes with it. The inbox:
# the count for the pages, the page, the staff member's e-mail choice, the menu's
# unread count; a conversation: it, its messages, their files, marking them read,
# the menu's unread count.
ADMIN_INBOX = 4
ADMIN_CONVERSATION = 5


def queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def admin_queries(run) -> tuple[int, int]:
    """All of a page's queries and those of messaging."""
    with CaptureQueriesContext(connection) as captured:
        run()
    sql = [query["sql"] for query in captured.captured_queries]
    return len(sql), sum('"messaging_' in one for one in sql)


@pytest.fixture
def account(agency, client_account):
    portal_page_configure(page=client_account.portal.page, menu_sections=["messages"])
    return client_account


def add_messages(conversation, staff, count):
    """`count` messages, one side then the other, each with a file."""
    messages = Message.objects.bulk_create(
        Message(
            conversation=conversation,
            body=f"Message {n}",
            from_staff=n % 2 == 0,
            author=staff if n % 2 == 0 else None,
            author_name="Marie",
        )
        for n in range(count)
    )
    Attachment.objects.bulk_create(
        Attachment(
            message=message,
            title=f"piece-{message.pk}.pdf",
            file=f"messages/piece-{message.pk}.pdf",
            content_type="application/pdf",
            size=10,
        )
        for message in messages
    )


class TestApi:
    def test_the_list_is_pinned_at_2_and_20_conversations(self, account):
        api = signed_in(account)
        path = portal_url(account.portal.key, "messages")

        def page():
            assert api.get(path).status_code == 200

        for _n in range(2):
            conversation_of(account)
        few = queries(page)
        for _n in range(18):
            conversation_of(account)
        assert len(api.get(path).json()["results"]) == 20
        assert (few, queries(page)) == (API_LIST, API_LIST)

    def test_a_conversation_is_pinned_at_10_and_100_messages_with_files(
        self, account, staff
    ):
        conversation = conversation_of(account, uploads=[pdf_upload()])
        api = signed_in(account)
        path = portal_url(account.portal.key, f"messages/{conversation.pk}")

        def read():
            assert api.get(path).status_code == 200

        add_messages(conversation, staff, 9)
        ten = queries(read)
        add_messages(conversation, staff, 90)
        body = api.get(path).json()
        assert len(body["messages"]) == 100
        assert all(message["attachments"] for message in body["messages"])
        assert (ten, queries(read)) == (API_CONVERSATION, API_CONVERSATION)


class TestAdmin:
    @pytest.fixture
    def inbox(self, staff):
        return sign_in(Browser(), staff)

    def test_the_inbox_is_pinned_at_2_and_20_conversations(self, inbox, agency):
        def page():
            assert inbox.get(reverse("messaging_admin:inbox")).status_code == 200

        def people(count):
            for _n in range(count):
                person = ClientFactory(agency=agency)
                conversation_of(PortalAccountFactory(person=person))

        people(2)
        (total, few) = admin_queries(page)
        people(18)
        assert admin_queries(page) == (total, few)
        assert few == ADMIN_INBOX

    def test_a_conversation_is_pinned_at_10_and_100_messages_with_files(
        self, inbox, account, staff
    ):
        conversation = conversation_of(account)
        path = reverse("messaging_admin:conversation", args=[conversation.pk])

        def read():
            assert inbox.get(path).status_code == 200

        add_messages(conversation, staff, 9)
        (total, ten) = admin_queries(read)
        add_messages(conversation, staff, 90)
        assert inbox.get(path).content.decode().count("piece-") >= 99
        assert admin_queries(read) == (total, ten)
        assert ten == ADMIN_CONVERSATION
