"""The demo's messages: a conversation with the agency's answer for the first demo
client and intervenant, one announcement per portal, loaded once."""

import pytest
from django.core import mail
from django.core.management import call_command

from messaging.models import Announcement, Conversation
from tests.conftest import portal_url

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "portail-demo-2026"


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def signed_in(api, key, identifier):
    response = api.post(
        portal_url(key, "auth/login"),
        {"identifier": identifier, "password": DEMO_PASSWORD},
        format="json",
    )
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api


def test_demo_people_have_an_answered_conversation_and_announcements(
    api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seed()
        seed()
    assert mail.outbox == []  # history: nobody is told
    demo = Conversation.objects.filter(agency__slug="demo")
    assert demo.count() == 2
    for conversation in demo:
        sides = [m.from_staff for m in conversation.messages.all()]
        assert sides == [False, True]
    assert Announcement.objects.filter(agency__slug="demo").count() == 2
    for key, identifier in (
        ("demo-clients", "client1@demo.example"),
        ("demo-intervenants", "intervenant1@demo.example"),
    ):
        client = signed_in(api, key, identifier)
        listed = client.get(portal_url(key, "messages")).json()["results"]
        assert [c["unread"] for c in listed] == [1]
        assert len(client.get(portal_url(key, "announcements")).json()) == 1
        api.credentials()
