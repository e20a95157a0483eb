"""The messages endpoints (API.md: Messages): what each answers, attachments with
the documents' rules, the closed conversation, the limits, the menu's unread count,
the person's e-mail notifications and announcements. Who may call what is in
test_role_table.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home_pages.services import portal_page_configure
from messaging.models import Conversation, Message
from messaging.services import (
    conversation_close,
    message_reply,
    person_notifications_enabled,
)
from tests.conftest import portal_url, signed_in
from tests.factories import (
    PortalAccountFactory,
    StaffFactory,
    image_upload,
    pdf_upload,
)
from tests.factories.messaging import AnnouncementFactory, conversation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(agency):
    """Both portals of the agency show the messages section."""
    for portal in agency.portals.all():
        sections = ["messages", "profile"]
        portal_page_configure(page=portal.page, menu_sections=sections)
    return agency


@pytest.fixture
def staff(agency):
    return StaffFactory(agency=agency)


def url(account, path):
    return portal_url(account.portal.key, path)


class TestWriting:
    def test_a_client_writes_with_attachments_in_multipart(self, on, client_account):
        api = signed_in(client_account)
        response = api.post(
            url(client_account, "messages"),
            {
                "subject": "Ordonnance",
                "body": "Voici l'ordonnance.",
                "attachments": [pdf_upload("ordo.pdf"), image_upload("photo.png")],
            },
            format="multipart",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["subject"] == "Ordonnance" and body["status"] == "open"
        [message] = body["messages"]
        assert message["author"]["side"] == "person"
        assert message["read"] is False
        names = [a["name"] for a in message["attachments"]]
        assert names == ["ordo.pdf", "photo.png"]
        download = api.get(message["attachments"][0]["download_url"])
        assert download.status_code == 200
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Disposition"].startswith("attachment")
        assert b"".join(download.streaming_content).startswith(b"%PDF-")

    def test_json_without_attachments_works_too(self, on, intervenant_account):
        response = signed_in(intervenant_account).post(
            url(intervenant_account, "messages"),
            {"subject": "Congés", "body": "Je serai absente."},
            format="json",
        )
        assert response.status_code == 201
        assert Conversation.objects.get().intervenant == intervenant_account.person

    def test_a_file_of_another_type_is_refused_and_nothing_kept(
        self, on, client_account
    ):
        script = SimpleUploadedFile("note.pdf", b"<script>alert(1)</script>")
        response = signed_in(client_account).post(
            url(client_account, "messages"),
            {"subject": "Test", "body": "Test", "attachments": [script]},
            format="multipart",
        )
        assert response.status_code == 400
        assert "attachments" in response.json()["error"]["fields"]
        assert not Conversation.objects.exists()

    def test_a_body_too_long_is_a_400_on_the_field(self, on, settings, client_account):
        settings.MESSAGING_BODY_MAX_LENGTH = 20
        response = signed_in(client_account).post(
            url(client_account, "messages"),
            {"subject": "Long", "body": "x" * 21},
            format="json",
        )
        assert response.status_code == 400
        assert "body" in response.json()["error"]["fields"]

    def test_beyond_the_hourly_limit_a_429_with_retry_after(
        self, on, settings, client_account
    ):
        settings.MESSAGING_MESSAGES_PER_HOUR = 2
        api = signed_in(client_account)
        conversation = conversation_of(client_account)
        reply = url(client_account, f"messages/{conversation.pk}/replies")
        assert api.post(reply, {"body": "Deux"}, format="json").status_code == 201
        response = api.post(reply, {"body": "Trois"}, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "too_many_requests"
        assert response["Retry-After"] == "3600"

    def test_a_closed_conversation_refuses_a_reply_with_its_code(
        self, on, client_account, staff
    ):
        conversation = conversation_of(client_account)
        conversation_close(conversation=conversation, by=staff)
        response = signed_in(client_account).post(
            url(client_account, f"messages/{conversation.pk}/replies"),
            {"body": "Encore une question"},
            format="json",
        )
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "conversation_closed"


class TestReading:
    def test_the_conversation_oldest_first_with_who_wrote_and_read(
        self, on, client_account, staff
    ):
        conversation = conversation_of(client_account)
        message_reply(conversation=conversation, author=staff, body="Bien reçu")
        api = signed_in(client_account)
        body = api.get(url(client_account, f"messages/{conversation.pk}")).json()
        sides = [(m["author"]["side"], m["read"]) for m in body["messages"]]
        assert sides == [("person", False), ("agency", False)]
        read = api.post(url(client_account, f"messages/{conversation.pk}/read"))
        assert read.status_code == 204
        body = api.get(url(client_account, f"messages/{conversation.pk}")).json()
        assert body["messages"][1]["read"] is True

    def test_the_list_filters_by_status_and_counts_unread(
        self, on, client_account, staff
    ):
        first, second = conversation_of(client_account), conversation_of(client_account)
        message_reply(conversation=first, author=staff, body="Réponse")
        conversation_close(conversation=second, by=staff)
        api = signed_in(client_account)
        listed = api.get(url(client_account, "messages")).json()["results"]
        assert [(c["id"], c["unread"]) for c in listed] == [
            (first.pk, 1),
            (second.pk, 0),
        ]
        closed = api.get(url(client_account, "messages"), {"status": "closed"})
        assert [c["id"] for c in closed.json()["results"]] == [second.pk]
        bad = api.get(url(client_account, "messages"), {"status": "archived"})
        assert bad.status_code == 400

    def test_an_attachment_of_another_conversation_is_404(self, on, client_account):
        with_file = conversation_of(client_account, uploads=[pdf_upload()])
        other = conversation_of(client_account)
        attachment = with_file.messages.get().attachments.get()
        response = signed_in(client_account).get(
            url(client_account, f"messages/{other.pk}/attachments/{attachment.pk}")
        )
        assert response.status_code == 404


class TestSection:
    def test_a_portal_without_the_section_answers_403(self, agency, client_account):
        portal_page_configure(
            page=client_account.portal.page, menu_sections=["profile"]
        )
        response = signed_in(client_account).get(url(client_account, "messages"))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "section_disabled"

    @pytest.mark.parametrize("kind", ["client", "intervenant"])
    def test_the_menu_carries_the_unread_count_on_both_portals(
        self, on, staff, client_account, intervenant_account, kind
    ):
        account = client_account if kind == "client" else intervenant_account
        conversation = conversation_of(account)
        message_reply(conversation=conversation, author=staff, body="Un")
        message_reply(conversation=conversation, author=staff, body="Deux")
        sections = signed_in(account).get(url(account, "menu")).json()["sections"]
        [messages] = [s for s in sections if s["key"] == "messages"]
        assert messages["unread"] == 2
        assert messages["label"] == "Messages"


class TestNotificationSettings:
    def test_on_until_the_person_switches_it_off_for_every_account(
        self, on, client_account
    ):
        second = PortalAccountFactory(
            person=client_account.person, identifier="famille@example.org"
        )
        api, path = signed_in(client_account), url(client_account, "messages/settings")
        assert api.get(path).json() == {"email_notifications": True}
        response = api.put(path, {"email_notifications": False}, format="json")
        assert response.status_code == 200
        assert response.json() == {"email_notifications": False}
        assert not person_notifications_enabled(client_account.person)
        theirs = signed_in(second).get(url(second, "messages/settings"))
        assert theirs.json() == {"email_notifications": False}
        back = signed_in(second).put(
            url(second, "messages/settings"),
            {"email_notifications": True},
            format="json",
        )
        assert back.json() == {"email_notifications": True}
        assert api.get(path).json() == {"email_notifications": True}

    @pytest.mark.parametrize(
        "body,said",
        [
            ({}, "Champ requis."),
            ({"email_notifications": None}, "Ce champ ne peut être nul."),
            ({"email_notifications": "peut-être"}, "Doit être un booléen valide."),
        ],
    )
    def test_bad_input_is_a_400_on_the_field_in_french(
        self, on, intervenant_account, body, said
    ):
        api = signed_in(intervenant_account)
        path = url(intervenant_account, "messages/settings")
        response = api.put(path, body, format="json")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert error["message"] == "Certaines données sont invalides."
        assert error["fields"] == {"email_notifications": [said]}
        assert person_notifications_enabled(intervenant_account.person)

    def test_a_portal_without_the_section_answers_403(self, agency, client_account):
        portal_page_configure(
            page=client_account.portal.page, menu_sections=["profile"]
        )
        response = signed_in(client_account).put(
            url(client_account, "messages/settings"),
            {"email_notifications": False},
            format="json",
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "section_disabled"
        assert person_notifications_enabled(client_account.person)


class TestAnnouncements:
    def test_the_current_announcements_of_this_portal(
        self, on, client_account, intervenant_account
    ):
        for_clients = AnnouncementFactory(agency=on, title="Clients")
        AnnouncementFactory(
            agency=on, title="Équipe", for_clients=False, for_intervenants=True
        )
        body = signed_in(client_account).get(url(client_account, "announcements"))
        assert [a["id"] for a in body.json()] == [for_clients.pk]
        assert body.json()[0]["title"] == "Clients"


def count_queries(api, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


class TestQueryCounts:
    def test_the_list_costs_the_same_at_1x_and_10x(self, on, client_account):
        api = signed_in(client_account)
        path = url(client_account, "messages")
        for _n in range(2):
            conversation_of(client_account)
        few = count_queries(api, path)
        for _n in range(18):
            conversation_of(client_account)
        assert count_queries(api, path) == few

    @pytest.mark.parametrize("enabled", [True, False])
    def test_the_notification_settings_cost_two_queries(
        self, on, client_account, django_assert_num_queries, enabled
    ):
        """The token with its account and portal, then the person's choice (none
        stored yet, or a row)."""
        api = signed_in(client_account)
        path = url(client_account, "messages/settings")
        if not enabled:
            api.put(path, {"email_notifications": False}, format="json")
        with django_assert_num_queries(2):
            assert api.get(path).json() == {"email_notifications": enabled}

    def test_a_conversation_of_100_messages_costs_as_one_of_10(
        self, on, client_account, staff
    ):
        conversation = conversation_of(client_account, uploads=[pdf_upload()])

        def add(count):
            Message.objects.bulk_create(
                Message(
                    conversation=conversation,
                    body=f"Message {n}",
                    from_staff=True,
                    author=staff,
                    author_name="Marie",
                )
                for n in range(count)
            )

        api = signed_in(client_account)
        path = url(client_account, f"messages/{conversation.pk}")
        add(9)
        ten = count_queries(api, path)
        add(90)
        assert len(api.get(path).json()["messages"]) == 100
        assert count_queries(api, path) == ten


def test_a_second_account_of_the_person_reads_the_same_conversation(
    on, client_account, staff
):
    second = PortalAccountFactory(
        person=client_account.person, identifier="famille@example.org"
    )
    conversation = conversation_of(client_account)
    response = signed_in(second).get(url(second, f"messages/{conversation.pk}"))
    assert response.status_code == 200
