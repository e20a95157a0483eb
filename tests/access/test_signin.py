"""access.services.signin called directly: the account these credentials open on
this portal, one refusal that never says why, and the lock-out counted per portal."""

import pytest
from django.test import RequestFactory
from knox.models import AuthToken

from access.errors import ApplicationError
from access.services import account_token_issue, portal_account_authenticate
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def authenticate(portal, identifier, password=PASSWORD):
    # A Django request, as the API passes it: django-axes records failures on it.
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    return portal_account_authenticate(
        request=request, portal=portal, identifier=identifier, password=password
    )


def refusal(portal, identifier, password="pas-le-bon") -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        authenticate(portal, identifier, password)
    return error.value


class TestPortalAccountAuthenticate:
    def test_the_right_credentials_open_the_account(self, client_account):
        account = authenticate(client_account.portal, client_account.username.upper())
        assert account == client_account

    def test_a_wrong_password_is_refused_without_saying_why(self, client_account):
        error = refusal(client_account.portal, client_account.username)
        assert (error.code, error.status) == ("invalid_credentials", 401)

    def test_an_account_of_the_other_portal_is_refused_the_same_way(
        self, client_account, intervenant_account
    ):
        error = refusal(
            client_account.portal, intervenant_account.username, password=PASSWORD
        )
        assert (error.code, error.status) == ("invalid_credentials", 401)

    def test_repeated_failures_lock_the_identifier_out_even_for_the_right_password(
        self, client_account, settings
    ):
        portal, identifier = client_account.portal, client_account.username
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert refusal(portal, identifier).code == "invalid_credentials"
        locked = refusal(portal, identifier)
        assert (locked.code, locked.status) == ("locked_out", 429)
        assert locked.retry_after == settings.AXES_COOLOFF_TIME.total_seconds()
        assert refusal(portal, identifier, password=PASSWORD).code == "locked_out"

    def test_a_success_resets_the_count(self, client_account, settings):
        portal, identifier = client_account.portal, client_account.username
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            refusal(portal, identifier)
        authenticate(portal, identifier)
        assert refusal(portal, identifier).code == "invalid_credentials"


def test_a_token_is_issued_per_device_and_only_its_hash_stored(client_account):
    first, key = account_token_issue(account=client_account)
    second, _ = account_token_issue(account=client_account)
    assert first.pk != second.pk
    assert AuthToken.objects.filter(user=client_account).count() == 2
    assert key not in first.digest and key[: len(first.token_key)] == first.token_key
