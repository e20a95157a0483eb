"""Token authentication keeps knox's behaviour on the request's portal: the portal
first, then the credentials against it (portal_api.authentication)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from knox.signals import token_expired

from tests.conftest import portal_url, signed_in

pytestmark = pytest.mark.django_db

ME = portal_url("alpha-clients", "me")


def token_of(api) -> str:
    return api._credentials["HTTP_AUTHORIZATION"].split()[1]


class TestHeader:
    @pytest.mark.parametrize("prefix", ["token", "TOKEN", "Token"])
    def test_the_prefix_is_read_in_any_case_as_knox_does_in_one_query(
        self, client_account, prefix, django_assert_num_queries
    ):
        token = token_of(signed_in(client_account))
        api = signed_in(None)
        api.credentials(HTTP_AUTHORIZATION=f"{prefix} {token}")
        api.get(ME)  # a warm process
        # The portal with the token's rows on it, account and person included.
        with django_assert_num_queries(1):
            assert api.get(ME).status_code == 200

    @pytest.mark.parametrize("header", ["Token", "Token a b", "Token \xe9t\xe9"])
    def test_a_malformed_header_is_refused(self, agency, header):
        api = signed_in(None)
        api.credentials(HTTP_AUTHORIZATION=header)
        response = api.get(ME)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "authentication_failed"


class TestOrder:
    def test_an_unknown_portal_is_a_404_whatever_the_token(self, client_account):
        api = signed_in(client_account)
        assert api.get(portal_url("nowhere", "me")).status_code == 404

    def test_a_portal_switched_off_is_a_403_before_a_bad_token(self, agency):
        type(agency).objects.filter(pk=agency.pk).update(client_module=False)
        api = signed_in(None)
        api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
        response = api.get(ME)
        assert response.json()["error"]["code"] == "module_disabled"

    def test_a_token_of_another_portal_is_a_401_there(self, client_account):
        api = signed_in(client_account)
        response = api.get(portal_url("alpha-intervenants", "me"))
        assert response.status_code == 401


class TestExpiry:
    def test_an_expired_token_is_deleted_with_knox_signal(self, client_account):
        api = signed_in(client_account)
        AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
        received = []

        def receiver(sender, username, source, **kwargs):
            received.append((username, source))

        token_expired.connect(receiver)
        try:
            assert api.get(ME).status_code == 401
        finally:
            token_expired.disconnect(receiver)
        assert received == [(client_account.username, "auth_token")]
        assert not AuthToken.objects.filter(user=client_account).exists()

    def test_auto_refresh_renews_the_token_as_knox_does(self, client_account, settings):
        api = signed_in(client_account)
        soon = timezone.now() + timedelta(hours=1)
        AuthToken.objects.update(expiry=soon)
        settings.REST_KNOX = {**settings.REST_KNOX, "AUTO_REFRESH": True}
        assert api.get(ME).status_code == 200
        assert AuthToken.objects.get(user=client_account).expiry > soon + timedelta(
            days=1
        )

    def test_without_auto_refresh_the_expiry_stays(self, client_account):
        api = signed_in(client_account)
        soon = timezone.now() + timedelta(hours=1)
        AuthToken.objects.update(expiry=soon)
        assert api.get(ME).status_code == 200
        assert AuthToken.objects.get(user=client_account).expiry == soon
