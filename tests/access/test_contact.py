"""The contact of a portal account (access.services.contact): the address that
signature codes go to, who confirmed it, and every change of it."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.test import TestCase

from access.models import AccountContactChange, User
from access.services import (
    INVITATION,
    account_email_change,
    portal_account_accept_invitation,
    portal_account_generate,
    portal_account_regenerate,
)
from tests.factories import ClientFactory, StaffFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Un mot de passe bien long 42"


def token_of(credentials):
    return parse_qs(urlparse(credentials.invitation_link).query)["token"][0]


def accept(credentials):
    account = credentials.account
    return portal_account_accept_invitation(
        portal=account.portal, token=token_of(credentials), new_password=NEW_PASSWORD
    )


class TestConfirmation:
    def test_choosing_the_password_through_an_emailed_link_confirms_the_address(
        self, agency
    ):
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), mode=INVITATION, send_email=True
        )
        assert credentials.account.email_confirmed_at is None
        account = accept(credentials)
        account.refresh_from_db()
        assert account.email_confirmed_at is not None

    def test_a_link_handed_to_staff_confirms_nothing(self, agency):
        # Staff could open the link themselves: it proves no control of the address.
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), mode=INVITATION
        )
        account = accept(credentials)
        account.refresh_from_db()
        assert account.email_confirmed_at is None

    def test_a_new_address_is_no_longer_confirmed(self, agency):
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), mode=INVITATION, send_email=True
        )
        account = accept(credentials)
        account_email_change(account=account, email="autre@example.org")
        account.refresh_from_db()
        assert account.email_confirmed_at is None


class TestChanges:
    def test_a_change_is_recorded_with_its_author_and_told_to_the_old_address(
        self, agency, client_account
    ):
        staff = StaffFactory(agency=agency)
        mail.outbox.clear()
        with TestCase.captureOnCommitCallbacks(execute=True):
            account_email_change(
                account=client_account, email="bureau@agence.example", changed_by=staff
            )
        change = AccountContactChange.objects.get(account=client_account)
        assert (change.old_email, change.new_email) == (
            "camille@example.org",
            "bureau@agence.example",
        )
        assert change.changed_by == staff and change.changed_at is not None
        (notice,) = mail.outbox
        assert notice.to == ["camille@example.org"]
        assert "b***@a***.example" in notice.body
        assert "bureau@agence.example" not in notice.body

    def test_a_change_made_anywhere_else_is_recorded_too(self, client_account):
        # The users admin, a shell: whatever saves the account.
        account = User.objects.get(pk=client_account.pk)
        account.email = "ailleurs@example.org"
        with TestCase.captureOnCommitCallbacks(execute=True):
            account.save()
        change = AccountContactChange.objects.get(account=account)
        assert change.new_email == "ailleurs@example.org"
        assert change.changed_by is None
        assert mail.outbox[-1].to == ["camille@example.org"]

    def test_a_change_kills_an_invitation_link_still_pending(self, agency):
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), mode=INVITATION, send_email=True
        )
        account_email_change(account=credentials.account, email="autre@example.org")
        with pytest.raises(Exception) as refused:
            accept(credentials)
        assert getattr(refused.value, "code", None) == "invalid_invitation"

    def test_regenerating_after_the_record_changed_moves_the_contact_visibly(
        self, agency, client_account
    ):
        staff = StaffFactory(agency=agency)
        client = client_account.client
        client.email = "nouvelle@example.org"
        client.save()
        portal_account_regenerate(account=client_account, changed_by=staff)
        client_account.refresh_from_db()
        assert client_account.email == "nouvelle@example.org"
        change = AccountContactChange.objects.get(account=client_account)
        assert change.old_email == "camille@example.org"
        assert change.changed_by == staff

    def test_editing_the_record_alone_leaves_the_contact(self, client_account):
        client = client_account.client
        client.email = "bureau@agence.example"
        client.save()
        client_account.refresh_from_db()
        assert client_account.email == "camille@example.org"
        assert not AccountContactChange.objects.exists()


class TestUsersAdmin:
    def test_a_change_made_in_the_users_admin_names_its_author(
        self, client, client_account
    ):
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        from tests.conftest import sign_in
        from tests.factories import PASSWORD

        admin = get_user_model().objects.create_superuser(
            "chef", "chef@agence.example", PASSWORD
        )
        sign_in(client, admin)
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(
                reverse("wagtailusers_users:edit", args=[client_account.pk]),
                {
                    "username": client_account.username,
                    "email": "ailleurs@example.org",
                    "first_name": client_account.first_name,
                    "last_name": client_account.last_name,
                    "is_active": "on",
                },
            )
        assert response.status_code == 302, response.content.decode()[:2000]
        change = AccountContactChange.objects.get(account=client_account)
        assert change.new_email == "ailleurs@example.org"
        assert change.changed_by == admin
        assert mail.outbox[-1].to == ["camille@example.org"]
