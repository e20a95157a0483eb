"""Sign-in failures count per client address too, beside the per-identifier lock-out:
one address cannot spray passwords across many identifiers (issue 11, item 9)."""

import pytest
from django.urls import reverse

from tests.conftest import portal_login, portal_url, signed_in
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

LOCKED_OUT = {
    "code": "locked_out",
    "message": "Trop de tentatives de connexion. Réessayez dans 15 minutes.",
}


def spray(api, settings, **headers):
    """One failure per identifier, up to the address's limit."""
    for n in range(settings.SIGNIN_IP_FAILURE_LIMIT):
        response = portal_login(api, f"victime{n}@example.org", "Ete2026!", **headers)
        assert response.status_code == 401, n


class TestPortalSignIn:
    def test_spraying_identifiers_from_one_address_is_refused(
        self, api, client_account, settings
    ):
        assert settings.SIGNIN_IP_FAILURE_LIMIT == 30
        spray(api, settings)
        response = portal_login(api, "victime30@example.org", "Ete2026!")
        assert response.status_code == 429
        assert response.json()["error"] == LOCKED_OUT
        assert response["Retry-After"] == "900"
        # Even the right password of a real account, from that address.
        assert portal_login(api, client_account.username).status_code == 429

    def test_other_addresses_are_not_affected(self, api, client_account, settings):
        spray(api, settings)
        other = {"REMOTE_ADDR": "198.51.100.2"}
        assert portal_login(api, client_account.username, **other).status_code == 200

    def test_the_limit_ends_with_its_window(self, api, client_account, settings):
        from django.core.cache import cache

        spray(api, settings)
        cache.clear()  # what the window's expiry does
        assert portal_login(api, client_account.username).status_code == 200

    def test_a_forged_forwarded_header_changes_nothing_without_trusted_proxies(
        self, api, client_account, settings
    ):
        settings.TRUSTED_PROXIES = 0
        for n in range(settings.SIGNIN_IP_FAILURE_LIMIT):
            forged = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
            assert (
                portal_login(api, f"v{n}@example.org", "x", **forged).status_code == 401
            )
        forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.99"}
        assert portal_login(api, client_account.username, **forged).status_code == 429

    def test_behind_one_proxy_the_right_most_address_is_counted(
        self, api, client_account, settings
    ):
        from axes.models import AccessAttempt

        settings.TRUSTED_PROXIES = 1
        proxy = {"REMOTE_ADDR": "10.0.0.1"}
        for n in range(settings.SIGNIN_IP_FAILURE_LIMIT):
            forwarded = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 203.0.113.7", **proxy}
            assert (
                portal_login(api, f"v{n}@example.org", "x", **forwarded).status_code
                == 401
            )
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
            "203.0.113.7"
        }
        same = {"HTTP_X_FORWARDED_FOR": "192.0.2.200, 203.0.113.7", **proxy}
        assert portal_login(api, client_account.username, **same).status_code == 429
        other = {"HTTP_X_FORWARDED_FOR": "203.0.113.8", **proxy}
        assert portal_login(api, client_account.username, **other).status_code == 200


class TestPasswordChange:
    URL = portal_url("alpha-clients", "auth/password")

    def test_the_current_password_check_is_refused_from_a_spraying_address(
        self, api, client_account, settings
    ):
        account = signed_in(client_account)
        spray(api, settings)
        right = {"current_password": PASSWORD, "new_password": "Nouveau-secret-2026"}
        response = account.post(self.URL, right, format="json")
        assert response.status_code == 429
        assert response.json()["error"] == LOCKED_OUT
        client_account.refresh_from_db()
        assert client_account.check_password(PASSWORD)

    def test_wrong_current_passwords_count_for_the_address(
        self, api, client_account, settings
    ):
        account = signed_in(client_account)
        wrong = {"current_password": "wrong", "new_password": "Nouveau-secret-2026"}
        for _attempt in range(3):
            assert account.post(self.URL, wrong, format="json").status_code == 400
        settings.SIGNIN_IP_FAILURE_LIMIT = 3
        assert portal_login(api, "someone@example.org").status_code == 429


class TestAdminSignIn:
    def test_spraying_identifiers_on_the_admin_is_refused(
        self, client, settings, agency
    ):
        staff = StaffFactory(agency=agency, username="gestionnaire")
        url = reverse("wagtailadmin_login")
        for n in range(settings.SIGNIN_IP_FAILURE_LIMIT):
            response = client.post(url, {"username": f"u{n}", "password": "x"})
            assert response.status_code == 200, n  # the form again
        response = client.post(url, {"username": staff.username, "password": PASSWORD})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session


class TestSignatureEvidence:
    def test_the_evidence_records_the_counted_client_address(
        self, client_account, agency, terms, settings
    ):
        from billing.models import SignatureEvent
        from home_pages.services import portal_page_configure
        from tests.factories import QuoteFactory

        portal_page_configure(
            page=agency.portals.get(kind="client").page,
            menu_sections=["documents", "quotes", "contracts", "signature"],
        )
        settings.TRUSTED_PROXIES = 1
        quote = QuoteFactory(client=client_account.client, title="Aide à domicile")
        response = signed_in(client_account).post(
            portal_url("alpha-clients", "signatures"),
            {"quote": quote.pk},
            format="json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7",
        )
        assert response.status_code == 201, response.content
        event = SignatureEvent.objects.get(signature_id=response.json()["id"])
        assert event.data["ip"] == "203.0.113.7"
