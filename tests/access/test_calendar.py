"""access.services.calendar called directly: the calendar feed's secret is stored as
a digest, opens its own account on its own portal only, and dies when replaced."""

import hashlib

import pytest

from access.services import (
    account_for_calendar_token,
    calendar_token_renew,
    calendar_token_revoke,
)

pytestmark = pytest.mark.django_db


def opens(account, token):
    return account_for_calendar_token(portal=account.portal, token=token)


class TestCalendarToken:
    def test_a_renewed_token_opens_its_account_on_its_portal_only(
        self, client_account, intervenant_account
    ):
        token = calendar_token_renew(account=client_account)
        assert opens(client_account, token) == client_account
        assert (
            account_for_calendar_token(portal=intervenant_account.portal, token=token)
            is None
        )

    def test_only_the_digest_is_stored(self, client_account):
        token = calendar_token_renew(account=client_account)
        client_account.refresh_from_db()
        digest = hashlib.sha256(token.encode()).hexdigest()
        assert client_account.calendar_token_digest == digest

    def test_renewing_kills_the_previous_token(self, client_account):
        old = calendar_token_renew(account=client_account)
        new = calendar_token_renew(account=client_account)
        assert opens(client_account, old) is None
        assert opens(client_account, new) == client_account

    def test_a_revoked_token_opens_nothing(self, client_account):
        token = calendar_token_renew(account=client_account)
        calendar_token_revoke(account=client_account)
        assert opens(client_account, token) is None

    def test_an_empty_token_or_an_inactive_account_opens_nothing(self, client_account):
        calendar_token_revoke(account=client_account)
        assert opens(client_account, "") is None
        token = calendar_token_renew(account=client_account)
        client_account.is_active = False
        client_account.save(update_fields=["is_active"])
        assert opens(client_account, token) is None
