"""`GET messages` walks the person's conversations by cursor, newest activity first,
each once, whichever of the person's accounts asks."""

import pytest

from home_pages.services import portal_page_configure
from messaging.services import message_reply
from tests.conftest import portal_url, signed_in
from tests.factories import PortalAccountFactory
from tests.factories.messaging import conversation_of

pytestmark = pytest.mark.django_db


def test_the_list_walks_by_cursor_newest_activity_first(client_account, staff):
    portal_page_configure(page=client_account.portal.page, menu_sections=["messages"])
    first, second, third = (conversation_of(client_account) for _n in range(3))
    # An answer in the oldest brings it to the top.
    message_reply(conversation=first, author=staff, body="Réponse", notify=False)
    family = PortalAccountFactory(
        person=client_account.person, identifier="famille@example.org"
    )
    api = signed_in(family)
    url, seen = portal_url(family.portal.key, "messages?page_size=2"), []
    while url:
        page = api.get(url).json()
        assert len(page["results"]) <= 2
        seen += [conversation["id"] for conversation in page["results"]]
        url = page["next"]
    assert seen == [first.pk, third.pk, second.pk]
