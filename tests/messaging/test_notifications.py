"""The e-mails that say a message is waiting, as they leave over SMTP: to a person
without the subject or a word of the content, from the agency, with the link to
the conversation in the web portal (none once the person switched them off in the
portal); to staff, the admin's link."""

import pytest

from home_pages.services import portal_page_configure
from messaging.services import message_reply, staff_notifications_set
from tests.conftest import portal_url, signed_in
from tests.factories import PortalAccountFactory, StaffFactory
from tests.factories.messaging import ConversationFactory
from tests.smtp import SmtpServer

pytestmark = pytest.mark.django_db

SECRET_SUBJECT = "Résultats de la prise de sang"
SECRET_BODY = "Votre taux de glycémie est élevé."


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        yield server.inbox


def wire(message) -> str:
    """The whole message as it travelled: headers and every part, decoded."""
    parts = [str(message)]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return "\n".join(parts)


def test_a_staff_message_reaches_the_persons_accounts_without_its_content(
    smtp, agency, client_account, django_capture_on_commit_callbacks
):
    second = PortalAccountFactory(
        person=client_account.person, identifier="fille@example.org"
    )
    second.email = "fille@example.org"
    second.save()
    staff = StaffFactory(agency=agency)
    conversation = ConversationFactory(
        person=client_account.person,
        author=staff,
        subject=SECRET_SUBJECT,
        body="Premier message",
    )
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(conversation=conversation, author=staff, body=SECRET_BODY)
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        [client_account.email, "fille@example.org"]
    )
    for sent in smtp.messages:
        text = wire(sent)
        assert SECRET_BODY not in text and "glycémie" not in text
        assert SECRET_SUBJECT not in text and "prise de sang" not in text
        assert "Premier message" not in text
        link = f"{client_account.portal.address}messages/{conversation.pk}"
        assert link in sent.get_content()
        assert sent["Subject"] == "Un nouveau message vous attend sur votre portail"
        assert agency.name in sent["From"]


def test_a_persons_message_reaches_the_assigned_staff_member(
    smtp, agency, client_account, django_capture_on_commit_callbacks
):
    staff = StaffFactory(agency=agency, email="marie@agence.example")
    staff_notifications_set(user=staff, notify="assigned")
    conversation = ConversationFactory(
        person=client_account.person, author=staff, subject="Suivi"
    )
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(
            conversation=conversation, author=client_account, body=SECRET_BODY
        )
    (sent,) = smtp.messages
    assert sent["To"] == "marie@agence.example"
    assert SECRET_BODY not in wire(sent)
    assert f"/admin/messages/{conversation.pk}/" in sent.get_content()


def test_a_person_who_switched_e_mails_off_in_the_portal_gets_none(
    smtp, agency, client_account, django_capture_on_commit_callbacks
):
    portal_page_configure(page=client_account.portal.page, menu_sections=["messages"])
    staff = StaffFactory(agency=agency)
    conversation = ConversationFactory(person=client_account.person, author=staff)
    response = signed_in(client_account).put(
        portal_url(client_account.portal.key, "messages/settings"),
        {"email_notifications": False},
        format="json",
    )
    assert response.status_code == 200
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(conversation=conversation, author=staff, body=SECRET_BODY)
    assert smtp.messages == []
