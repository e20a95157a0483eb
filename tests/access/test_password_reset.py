"""Forgotten passwords: the request, the e-mail and the link (access services)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from knox.models import AuthToken

from access.errors import ApplicationError
from access.links import INVITATION_LINK, PASSWORD_RESET_LINK
from access.services import (
    account_token_issue,
    password_reset_request,
    password_reset_send,
    portal_account_regenerate,
    portal_account_reset_password,
)
from tests.factories import PortalAccountFactory

pytestmark = pytest.mark.django_db
NEW = "Un-tout-nouveau-secret-2026"


def test_the_link_goes_to_the_accounts_address_without_the_password(client_account):
    assert password_reset_send(
        portal_id=client_account.portal_id, identifier=client_account.username.upper()
    )
    (message,) = mail.outbox
    assert message.to == [client_account.email]
    assert message.subject.startswith("Réinitialisation de votre mot de passe")
    link = message.body.split("reinitialisation?token=", 1)[1].split()[0]
    assert client_account.portal.address in message.body
    assert PASSWORD_RESET_LINK.is_valid(client_account, link)
    assert "ignorez ce message" in message.body


def test_nobody_is_written_to_for_an_unknown_or_foreign_identifier(
    client_account, intervenant_account
):
    portal = client_account.portal_id
    assert not password_reset_send(portal_id=portal, identifier="personne@example.org")
    # An account of the other portal is not found from this one.
    assert not password_reset_send(
        portal_id=portal, identifier=intervenant_account.username
    )
    client_account.is_active = False
    client_account.save()
    assert not password_reset_send(portal_id=portal, identifier=client_account.username)
    assert mail.outbox == []


def test_a_mailbox_gets_at_most_the_hours_limit(client_account, settings):
    settings.PORTAL_PASSWORD_RESET_PER_HOUR = 2
    sent = [
        password_reset_send(
            portal_id=client_account.portal_id, identifier=client_account.username
        )
        for _ in range(3)
    ]
    assert sent == [True, True, False] and len(mail.outbox) == 2


def test_the_request_queues_the_work_and_limits_each_address(
    client_account, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_PASSWORD_RESET_PER_ADDRESS = 2
    portal = client_account.portal
    with django_capture_on_commit_callbacks(execute=True):
        password_reset_request(
            portal=portal, identifier=client_account.username, address="198.51.100.7"
        )
        password_reset_request(
            portal=portal, identifier="inconnu@example.org", address="198.51.100.7"
        )
    assert len(mail.outbox) == 1
    with pytest.raises(ApplicationError) as refused:
        password_reset_request(
            portal=portal, identifier=client_account.username, address="198.51.100.7"
        )
    assert (refused.value.code, refused.value.status) == ("too_many_requests", 429)
    # Another address is counted apart.
    password_reset_request(
        portal=portal, identifier=client_account.username, address="198.51.100.8"
    )


def test_the_link_sets_the_password_once_and_revokes_every_token(client_account):
    account_token_issue(account=client_account)
    token = PASSWORD_RESET_LINK.token(client_account)
    account = portal_account_reset_password(
        portal=client_account.portal, token=token, new_password=NEW
    )
    assert account.check_password(NEW)
    assert account.email_confirmed_at is not None
    assert not AuthToken.objects.filter(user=account).exists()
    with pytest.raises(ApplicationError) as used:
        portal_account_reset_password(
            portal=client_account.portal, token=token, new_password=NEW + "x"
        )
    assert used.value.code == "invalid_reset_link"


def test_a_weak_password_is_refused_and_the_link_still_works(client_account):
    token = PASSWORD_RESET_LINK.token(client_account)
    with pytest.raises(ValidationError) as weak:
        portal_account_reset_password(
            portal=client_account.portal, token=token, new_password="1234"
        )
    assert "new_password" in weak.value.message_dict
    portal_account_reset_password(
        portal=client_account.portal, token=token, new_password=NEW
    )


@pytest.mark.parametrize("spoil", ["expired", "regenerated", "invitation", "portal"])
def test_a_link_dies_with_time_regeneration_and_elsewhere(
    client_account, intervenant_account, spoil, settings
):
    portal = client_account.portal
    token = PASSWORD_RESET_LINK.token(client_account)
    if spoil == "expired":
        settings.PORTAL_INVITATION_MAX_AGE = timedelta(seconds=-1)
    elif spoil == "regenerated":
        portal_account_regenerate(account=client_account)
    elif spoil == "invitation":
        token = INVITATION_LINK.token(client_account)
    else:
        portal = intervenant_account.portal
    with pytest.raises(ApplicationError) as refused:
        portal_account_reset_password(portal=portal, token=token, new_password=NEW)
    assert refused.value.code == "invalid_reset_link"


def test_a_second_account_of_the_person_keeps_its_own_password(client_account):
    second = PortalAccountFactory(
        person=client_account.person, identifier="famille@example.org"
    )
    portal_account_reset_password(
        portal=client_account.portal,
        token=PASSWORD_RESET_LINK.token(client_account),
        new_password=NEW,
    )
    second.refresh_from_db()
    assert not second.check_password(NEW)
