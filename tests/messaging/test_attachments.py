"""Attachments sent through the portal API follow the documents' upload rules (the
size limit, the Pillow guard against decompression bombs) and leave nothing behind
when refused; their download is the documents' checked one, for every account of
the person."""

import pytest
from PIL import Image

from home_pages.services import portal_page_configure
from messaging.models import Attachment, Conversation, Message
from tests.conftest import portal_url, signed_in
from tests.factories import PortalAccountFactory, image_upload, pdf_upload
from tests.factories.messaging import conversation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(client_account):
    portal_page_configure(page=client_account.portal.page, menu_sections=["messages"])
    return client_account


def send(account, *uploads, path="messages"):
    data = {"subject": "Pièces", "body": "Voici les pièces.", "attachments": uploads}
    return signed_in(account).post(
        portal_url(account.portal.key, path), data, format="multipart"
    )


def refused_on_attachments(response) -> list[str]:
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]["attachments"]


def test_a_file_over_the_documents_size_limit_is_refused(account, settings):
    settings.PORTAL_DOCUMENT_MAX_SIZE = 100
    [message] = refused_on_attachments(send(account, pdf_upload()))
    assert "taille maximale" in message
    assert not Conversation.objects.exists() and not Attachment.objects.exists()


def test_an_image_past_pillows_pixel_limit_is_refused(account, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 4)
    assert refused_on_attachments(send(account, image_upload("photo.png")))
    assert not Conversation.objects.exists()


def test_one_bad_file_in_a_reply_keeps_neither_the_reply_nor_the_good_file(account):
    conversation = conversation_of(account)
    response = send(
        account,
        pdf_upload("bon.pdf"),
        image_upload("mauvais.pdf", fmt="GIF"),
        path=f"messages/{conversation.pk}/replies",
    )
    assert refused_on_attachments(response)
    assert Message.objects.filter(conversation=conversation).count() == 1
    assert not Attachment.objects.exists()


def test_the_persons_other_account_downloads_the_file(account):
    conversation = conversation_of(account, uploads=[pdf_upload("ordonnance.pdf")])
    attachment = conversation.messages.get().attachments.get()
    family = PortalAccountFactory(
        person=account.person, identifier="famille@example.org"
    )
    response = signed_in(family).get(
        portal_url(
            family.portal.key,
            f"messages/{conversation.pk}/attachments/{attachment.pk}",
        )
    )
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="ordonnance' in response["Content-Disposition"]
