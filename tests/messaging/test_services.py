"""Messaging services, called directly: success, the refusal's code or field, and
nothing half-written."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.errors import ApplicationError
from messaging import services
from messaging.models import Announcement, Attachment, Conversation, Message
from tests.factories import (
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
    StaffFactory,
    image_upload,
    pdf_upload,
)
from tests.factories.messaging import ConversationFactory, conversation_of

pytestmark = pytest.mark.django_db


class TestConversationStart:
    def test_a_client_opens_a_conversation_with_a_first_message(self, client_account):
        conversation = conversation_of(
            client_account, uploads=[pdf_upload("ordonnance.pdf")]
        )
        assert conversation.client == client_account.client
        assert conversation.agency_id == client_account.client.agency_id
        assert conversation.status == "open"
        message = conversation.messages.get()
        assert not message.from_staff and message.author == client_account
        attachment = message.attachments.get()
        assert attachment.content_type == "application/pdf"
        assert attachment.file.name.startswith("messages/ordonnance")
        assert conversation.last_activity_at == message.created_at

    def test_staff_open_a_conversation_from_the_persons_record(self, agency, staff):
        person = IntervenantFactory(agency=agency)
        conversation = ConversationFactory(person=person, author=staff)
        assert conversation.intervenant == person
        assert conversation.assigned_to == staff
        assert conversation.messages.get().from_staff

    def test_staff_of_another_agency_cannot_write_to_the_person(
        self, other_agency, client_account
    ):
        outsider = StaffFactory(agency=other_agency)
        with pytest.raises(ApplicationError) as refused:
            ConversationFactory(person=client_account.person, author=outsider)
        assert refused.value.status == 403
        assert not Conversation.objects.exists()

    def test_an_account_cannot_write_for_another_person(self, agency, client_account):
        other = ClientFactory(agency=agency)
        with pytest.raises(ApplicationError) as refused:
            ConversationFactory(person=other, author=client_account)
        assert refused.value.status == 404

    def test_a_body_too_long_is_refused_and_nothing_is_kept(
        self, settings, client_account
    ):
        settings.MESSAGING_BODY_MAX_LENGTH = 10
        with pytest.raises(ValidationError) as refused:
            conversation_of(client_account, body="x" * 11)
        assert "body" in refused.value.message_dict
        assert not Conversation.objects.exists()

    def test_an_empty_subject_is_refused(self, client_account):
        with pytest.raises(ValidationError) as refused:
            conversation_of(client_account, subject="  ")
        assert "subject" in refused.value.message_dict

    def test_an_attachment_of_a_refused_type_keeps_nothing(self, client_account):
        from django.core.files.uploadedfile import SimpleUploadedFile

        script = SimpleUploadedFile("virus.pdf", b"#!/bin/sh\nrm -rf /\n")
        with pytest.raises(ValidationError) as refused:
            conversation_of(client_account, uploads=[script])
        assert "attachments" in refused.value.message_dict
        assert not Conversation.objects.exists()
        assert not Attachment.objects.exists()

    def test_an_image_attachment_gets_a_safe_name(self, client_account):
        conversation = conversation_of(
            client_account, uploads=[image_upload("../../é t é.png")]
        )
        attachment = conversation.messages.get().attachments.get()
        assert attachment.file.name.startswith("messages/e_t_e")
        assert attachment.content_type == "image/png"


class TestHourlyLimit:
    def test_a_person_may_send_the_limit_then_gets_429(self, settings, agency):
        settings.MESSAGING_MESSAGES_PER_HOUR = 3
        person = ClientFactory(agency=agency)
        first = PortalAccountFactory(person=person)
        second = PortalAccountFactory(person=person, identifier="famille@example.org")
        conversation = conversation_of(first)
        services.message_reply(conversation=conversation, author=second, body="Deux")
        services.message_reply(conversation=conversation, author=first, body="Trois")
        with pytest.raises(ApplicationError) as refused:
            services.message_reply(
                conversation=conversation, author=second, body="Quatre"
            )
        assert refused.value.code == "too_many_requests"
        assert refused.value.status == 429 and refused.value.retry_after == 3600
        assert conversation.messages.count() == 3

    def test_staff_replies_are_not_counted(self, settings, client_account, staff):
        settings.MESSAGING_MESSAGES_PER_HOUR = 1
        conversation = conversation_of(client_account)
        for number in range(3):
            services.message_reply(
                conversation=conversation, author=staff, body=f"Réponse {number}"
            )
        assert conversation.messages.count() == 4


class TestReply:
    def test_a_reply_moves_the_conversation_up(self, client_account, staff):
        conversation = conversation_of(client_account)
        before = conversation.last_activity_at
        message = services.message_reply(
            conversation=conversation, author=staff, body="C'est noté."
        )
        conversation.refresh_from_db()
        assert message.from_staff
        assert conversation.last_activity_at == message.created_at > before

    def test_a_closed_conversation_refuses_replies_with_409(
        self, client_account, staff
    ):
        conversation = conversation_of(client_account)
        services.conversation_close(conversation=conversation, by=staff)
        with pytest.raises(ApplicationError) as refused:
            services.message_reply(
                conversation=conversation, author=client_account, body="Encore"
            )
        assert refused.value.code == "conversation_closed"
        assert refused.value.status == 409
        assert conversation.messages.count() == 1

    def test_reopened_it_takes_replies_again(self, client_account, staff):
        conversation = conversation_of(client_account)
        services.conversation_close(conversation=conversation, by=staff)
        services.conversation_reopen(conversation=conversation, by=staff)
        services.message_reply(
            conversation=conversation, author=client_account, body="Merci"
        )
        assert conversation.messages.count() == 2

    def test_a_person_cannot_close_their_conversation(self, client_account):
        conversation = conversation_of(client_account)
        with pytest.raises(ApplicationError) as refused:
            services.conversation_close(conversation=conversation, by=client_account)
        assert refused.value.status == 403
        conversation.refresh_from_db()
        assert conversation.status == "open"


class TestRead:
    def test_each_side_marks_the_other_sides_messages_read(self, client_account, staff):
        conversation = conversation_of(client_account)
        answer = services.message_reply(
            conversation=conversation, author=staff, body="Oui"
        )
        assert (
            services.conversation_read(conversation=conversation, reader=client_account)
            == 1
        )
        answer.refresh_from_db()
        assert answer.read_at is not None
        question = conversation.messages.get(from_staff=False)
        assert question.read_at is None
        services.conversation_read(conversation=conversation, reader=staff)
        question.refresh_from_db()
        assert question.read_at is not None


class TestAssign:
    def test_staff_of_the_agency_may_be_assigned(self, client_account, staff):
        conversation = conversation_of(client_account)
        services.conversation_assign(conversation=conversation, staff=staff)
        assert Conversation.objects.get().assigned_to == staff
        services.conversation_assign(conversation=conversation, staff=None)
        assert Conversation.objects.get().assigned_to is None

    def test_staff_of_another_agency_cannot_be_assigned(
        self, client_account, other_agency
    ):
        conversation = conversation_of(client_account)
        with pytest.raises(ValidationError) as refused:
            services.conversation_assign(
                conversation=conversation, staff=StaffFactory(agency=other_agency)
            )
        assert "assigned_to" in refused.value.message_dict


class TestAnnouncements:
    def test_publish_dates_it_once(self, agency):
        announcement = services.announcement_publish(
            announcement=Announcement(
                agency=agency, title="Info", text="Texte", for_intervenants=True
            )
        )
        published_at = announcement.published_at
        assert announcement.published and published_at is not None
        services.announcement_publish(announcement=announcement)
        assert announcement.published_at == published_at

    def test_an_announcement_needs_a_portal(self, agency):
        with pytest.raises(ValidationError) as refused:
            services.announcement_publish(
                announcement=Announcement(agency=agency, title="Info", text="Texte")
            )
        assert "for_clients" in refused.value.message_dict
        assert not Announcement.objects.exists()


class TestNotifications:
    """Through the task worker (immediate in tests); the wire itself is tested in
    test_notifications.py."""

    @pytest.fixture(autouse=True)
    def _commits(self, django_capture_on_commit_callbacks):
        # E-mails are queued on commit, which each test's transaction never reaches.
        self.committed = lambda: django_capture_on_commit_callbacks(execute=True)

    def reply(self, conversation, author, body):
        """A reply, committed, with only the e-mails it sends left in the outbox."""
        mail.outbox.clear()
        with self.committed():
            services.message_reply(conversation=conversation, author=author, body=body)

    def test_a_staff_answer_e_mails_the_persons_accounts_without_content(
        self, client_account, staff
    ):
        second = PortalAccountFactory(
            person=client_account.person, identifier="famille@example.org"
        )
        second.email = "famille@example.org"
        second.save()
        conversation = conversation_of(client_account, subject="Ma santé")
        self.reply(conversation, staff, "Le médecin passera.")
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            {client_account.email, "famille@example.org"}
        )
        sent = mail.outbox[0]
        assert "Le médecin" not in sent.body and "Ma santé" not in sent.body
        assert "Ma santé" not in sent.subject
        assert f"/messages/{conversation.pk}" in sent.body

    def test_a_person_who_opted_out_gets_no_e_mail(self, client_account, staff):
        services.person_notifications_set(person=client_account.person, enabled=False)
        conversation = conversation_of(client_account)
        self.reply(conversation, staff, "Oui")
        assert mail.outbox == []

    def test_a_message_to_an_assigned_conversation_tells_the_assignee(
        self, agency, client_account, staff
    ):
        StaffFactory(agency=agency, email="autre@agence.example")
        conversation = conversation_of(client_account)
        services.conversation_assign(conversation=conversation, staff=staff)
        self.reply(conversation, client_account, "Secret")
        assert [m.to for m in mail.outbox] == [[staff.email]]
        assert "Secret" not in mail.outbox[0].body

    def test_an_assignee_who_opted_out_is_not_told(self, client_account, staff):
        services.staff_notifications_set(user=staff, notify="none")
        conversation = conversation_of(client_account)
        services.conversation_assign(conversation=conversation, staff=staff)
        self.reply(conversation, client_account, "Bonjour")
        assert mail.outbox == []

    def test_unassigned_new_messages_go_to_staff_who_asked_for_all(
        self, agency, other_agency, client_account, staff
    ):
        services.staff_notifications_set(user=staff, notify="all")
        StaffFactory(agency=agency, email="discret@agence.example")
        outsider = StaffFactory(agency=other_agency, email="ailleurs@example.org")
        services.staff_notifications_set(user=outsider, notify="all")
        mail.outbox.clear()
        with self.committed():
            conversation_of(client_account)
        assert [m.to for m in mail.outbox] == [[staff.email]]

    def test_a_rolled_back_message_sends_nothing(self, client_account, staff):
        conversation = conversation_of(client_account)
        mail.outbox.clear()
        with self.committed(), pytest.raises(RuntimeError):
            from django.db import transaction

            with transaction.atomic():
                services.message_reply(
                    conversation=conversation, author=staff, body="Annulé"
                )
                raise RuntimeError
        assert mail.outbox == []
        assert Message.objects.count() == 1


def test_last_activity_is_close_to_now(client_account):
    conversation = conversation_of(client_account)
    assert timezone.now() - conversation.last_activity_at < timedelta(minutes=1)


def test_the_writer_is_named_without_showing_a_login(client_account):
    from access.models import User
    from messaging.services import conversation_start, message_reply

    person = client_account.person
    conversation = conversation_start(
        person=person,
        author=client_account,
        subject="Horaires",
        body="Bonjour",
        notify=False,
    )
    staff = User.objects.create_user("sans-nom", password="x", is_staff=True)
    staff.groups.add(person.agency.staff_group)
    reply = message_reply(
        conversation=conversation, author=staff, body="Oui", notify=False
    )
    first = conversation.messages.order_by("pk").first()
    assert first.author_name == str(person) != client_account.username
    assert reply.author_name == person.agency.name
