"""The staff inbox, the person's Messages tab and announcements in the admin, as
agency staff use them; staff of another agency reach none of it."""

import pytest
from django.core import mail
from django.test import Client as Browser
from django.urls import reverse

from messaging.models import Announcement, Conversation
from messaging.services import (
    conversation_assign,
    conversation_close,
    person_notifications_enabled,
    staff_notify_choice,
)
from tests.conftest import admin_heading, sign_in
from tests.factories import (
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
    StaffFactory,
    pdf_upload,
)
from tests.factories.messaging import AnnouncementFactory, conversation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(staff):
    """Marie (`staff`), signed in to the admin."""
    return sign_in(Browser(), staff)


@pytest.fixture
def outsider(other_agency):
    """Staff of the other agency, signed in."""
    return sign_in(Browser(), StaffFactory(agency=other_agency))


def url(name, *args):
    return reverse(f"messaging_admin:{name}", args=args)


class TestInbox:
    def test_the_page_is_titled_messages(self, inbox):
        assert admin_heading(inbox.get(url("inbox")).content.decode()) == "Messages"

    def test_the_agencys_conversations_newest_activity_first(
        self, inbox, client_account, intervenant_account
    ):
        first = conversation_of(client_account, subject="Facture de mars")
        conversation_of(intervenant_account, subject="Congés d'été")
        page = inbox.get(url("inbox")).content.decode()
        assert page.index("Congés d") < page.index("Facture de mars")
        assert url("conversation", first.pk) in page

    def test_filters_open_closed_kind_and_mine(
        self, inbox, staff, client_account, intervenant_account
    ):
        closed = conversation_of(client_account, subject="Vieille demande")
        conversation_close(conversation=closed, by=staff)
        mine = conversation_of(intervenant_account, subject="Pour Marie")
        conversation_assign(conversation=mine, staff=staff)
        conversation_of(client_account, subject="Nouvelle demande")

        def subjects(**query):
            page = inbox.get(url("inbox"), query).content.decode()
            return {
                s
                for s in ("Vieille demande", "Pour Marie", "Nouvelle demande")
                if s in page
            }

        assert subjects(status="closed") == {"Vieille demande"}
        assert subjects(status="open") == {"Pour Marie", "Nouvelle demande"}
        assert subjects(kind="intervenant") == {"Pour Marie"}
        assert subjects(kind="client") == {"Vieille demande", "Nouvelle demande"}
        assert subjects(mine="1") == {"Pour Marie"}

    def test_the_menu_shows_the_unread_count(self, inbox, client_account):
        conversation_of(client_account)
        page = inbox.get(reverse("wagtailadmin_home")).content.decode()
        assert "Messages (1 non lu)" in page
        conversation_of(client_account)
        page = inbox.get(reverse("wagtailadmin_home")).content.decode()
        assert "Messages (2 non lus)" in page

    def test_staff_of_another_agency_see_nothing(self, outsider, client_account):
        conversation = conversation_of(client_account, subject="Confidentiel")
        attachment_holder = conversation_of(client_account, uploads=[pdf_upload()])
        attachment = attachment_holder.messages.get().attachments.get()
        assert "Confidentiel" not in outsider.get(url("inbox")).content.decode()
        home = outsider.get(reverse("wagtailadmin_home")).content.decode()
        assert "non lu" not in home
        assert outsider.get(url("conversation", conversation.pk)).status_code == 404
        assert outsider.get(url("attachment", attachment.pk)).status_code == 404
        for action in ("assign", "close", "reopen"):
            response = outsider.post(url(action, conversation.pk))
            assert response.status_code == 404, action
        response = outsider.post(
            url("conversation", conversation.pk), {"body": "Intrusion"}
        )
        assert response.status_code == 404
        person = client_account.person
        assert outsider.get(url("new", "client", person.pk)).status_code == 404
        assert (
            outsider.post(url("person_notifications", "client", person.pk, 0))
        ).status_code == 404
        assert conversation.messages.count() == 1
        assert Conversation.objects.get(pk=conversation.pk).status == "open"
        assert person_notifications_enabled(person)


class TestConversation:
    def test_opening_it_marks_the_persons_messages_read(self, inbox, client_account):
        conversation = conversation_of(client_account, body="Ma question")
        page = inbox.get(url("conversation", conversation.pk)).content.decode()
        assert "Ma question" in page
        assert conversation.messages.get().read_at is not None

    def test_staff_reply_with_an_attachment_and_the_person_is_told(
        self, inbox, client_account, django_capture_on_commit_callbacks
    ):
        conversation = conversation_of(client_account)
        with django_capture_on_commit_callbacks(execute=True):
            response = inbox.post(
                url("conversation", conversation.pk),
                {"body": "Voici le planning.", "attachment": pdf_upload("plan.pdf")},
            )
        assert response.status_code == 302
        answer = conversation.messages.get(from_staff=True)
        assert answer.body == "Voici le planning."
        assert answer.attachments.get().content_type == "application/pdf"
        assert [m.to for m in mail.outbox] == [[client_account.email]]
        assert "Voici le planning" not in mail.outbox[0].body
        download = inbox.get(url("attachment", answer.attachments.get().pk))
        assert download.status_code == 200
        assert download["X-Content-Type-Options"] == "nosniff"

    def test_a_bad_attachment_is_refused_in_french(self, inbox, client_account):
        from django.core.files.uploadedfile import SimpleUploadedFile

        conversation = conversation_of(client_account)
        page = inbox.post(
            url("conversation", conversation.pk),
            {"body": "Voir pièce", "attachment": SimpleUploadedFile("a.pdf", b"zz")},
        ).content.decode()
        assert "Type de fichier non accepté" in page
        assert conversation.messages.count() == 1

    def test_assign_close_and_reopen(self, inbox, staff, agency, client_account):
        colleague = StaffFactory(agency=agency)
        conversation = conversation_of(client_account)
        inbox.post(url("assign", conversation.pk), {"assigned_to": colleague.pk})
        conversation.refresh_from_db()
        assert conversation.assigned_to == colleague
        inbox.post(url("close", conversation.pk))
        conversation.refresh_from_db()
        assert conversation.status == "closed"
        page = inbox.get(url("conversation", conversation.pk)).content.decode()
        assert "rouvrez-la pour répondre" in page
        inbox.post(url("reopen", conversation.pk))
        conversation.refresh_from_db()
        assert conversation.status == "open"

    def test_staff_of_another_agency_cannot_be_assigned(
        self, inbox, other_agency, client_account
    ):
        conversation = conversation_of(client_account)
        outsider = StaffFactory(agency=other_agency)
        inbox.post(url("assign", conversation.pk), {"assigned_to": outsider.pk})
        conversation.refresh_from_db()
        assert conversation.assigned_to is None


class TestPersonRecord:
    def record(self, inbox, person):
        edit = type(person).snippet_viewset.get_url_name("edit")
        return inbox.get(reverse(edit, args=[person.pk])).content.decode()

    def test_the_record_has_a_messages_tab_with_nouveau_message(
        self, inbox, client_account
    ):
        conversation_of(client_account, subject="Question de Camille")
        page = self.record(inbox, client_account.person)
        assert 'id="person-messages"' in page
        assert "Question de Camille" in page
        assert url("new", "client", client_account.person.pk) in page

    def test_nouveau_message_opens_a_conversation_with_the_person(
        self, inbox, staff, agency
    ):
        person = IntervenantFactory(agency=agency)
        PortalAccountFactory(person=person)
        response = inbox.post(
            url("new", "intervenant", person.pk),
            {"subject": "Votre planning", "body": "Pouvez-vous venir lundi ?"},
        )
        conversation = Conversation.objects.get(intervenant=person)
        assert response.status_code == 302
        assert response["Location"] == url("conversation", conversation.pk)
        assert conversation.assigned_to == staff
        assert conversation.messages.get().from_staff

    def test_the_persons_e_mail_notifications_can_be_turned_off_and_on(
        self, inbox, agency
    ):
        person = ClientFactory(agency=agency)
        inbox.post(url("person_notifications", "client", person.pk, 0))
        assert not person_notifications_enabled(person)
        assert "La prévenir par e-mail" in self.record(inbox, person)
        inbox.post(url("person_notifications", "client", person.pk, 1))
        assert person_notifications_enabled(person)


def test_staff_choose_which_new_messages_they_are_told_of(inbox, staff):
    inbox.post(url("settings"), {"notify": "all"})
    assert staff_notify_choice(staff) == "all"
    inbox.post(url("settings"), {"notify": "n-importe"})
    assert staff_notify_choice(staff) == "all"


class TestAnnouncements:
    def viewset_url(self, name, *args):
        return reverse(Announcement.snippet_viewset.get_url_name(name), args=args)

    def test_staff_publish_an_announcement_for_their_agency(self, inbox, agency):
        response = inbox.post(
            self.viewset_url("add"),
            {
                "agency": agency.pk,
                "title": "Pont de l'Ascension",
                "text": "L'agence sera fermée vendredi.",
                "for_clients": "on",
                "published": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        announcement = Announcement.objects.get()
        assert announcement.published and announcement.published_at is not None
        listing = inbox.get(self.viewset_url("list")).content.decode()
        assert "Pont de l&#x27;Ascension" in listing or "Pont de l'Ascension" in listing

    def test_another_agencys_announcements_stay_hidden(
        self, outsider, agency, client_account
    ):
        announcement = AnnouncementFactory(agency=agency, title="Réservé à Alpha")
        listing = outsider.get(self.viewset_url("list")).content.decode()
        assert "Réservé à Alpha" not in listing
        edit = outsider.get(self.viewset_url("edit", announcement.pk))
        assert edit.status_code == 404
