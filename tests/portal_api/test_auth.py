import pytest
from django.test import Client as BrowserClient
from knox.models import AuthToken

from tests.conftest import portal_login, portal_url, signed_in
from tests.factories import PASSWORD, ClientFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db

LOGIN = portal_url("alpha-clients", "auth/login")


class TestLogin:
    def test_owner_signs_in_and_gets_a_token_and_a_session(self, api, client_account):
        response = portal_login(api, "camille@example.org")
        assert response.status_code == 200
        body = response.json()
        assert body["account"]["identifier"] == "camille@example.org"
        assert body["account"]["person"]["id"] == client_account.client_id
        assert body["expires_at"]
        assert "sessionid" in response.cookies
        assert response.cookies["sessionid"]["domain"] == ""  # host-only
        assert response.cookies["sessionid"]["httponly"]

    def test_identifier_is_case_insensitive(self, api, client_account):
        assert portal_login(api, "  CAMILLE@Example.ORG").status_code == 200

    def test_tokens_are_stored_hashed(self, api, client_account):
        token = portal_login(api, "camille@example.org").json()["token"]
        stored = AuthToken.objects.get(user=client_account)
        assert token not in (stored.digest, stored.token_key)
        assert stored.digest and len(stored.digest) == 128

    @pytest.mark.parametrize(
        "case", ["wrong_password", "unknown_identifier", "other_portal", "other_agency"]
    )
    def test_every_refusal_answers_the_same_invalid_credentials(
        self, api, agency, other_agency, client_account, intervenant_account, case
    ):
        stranger = PortalAccountFactory(person=ClientFactory(agency=other_agency))
        identifier, password = {
            "wrong_password": ("camille@example.org", "not-the-password"),
            "unknown_identifier": ("nobody@example.org", PASSWORD),
            "other_portal": (intervenant_account.username, PASSWORD),
            "other_agency": (stranger.username, PASSWORD),
        }[case]
        response = portal_login(api, identifier, password)
        assert response.status_code == 401
        assert response.json()["error"] == {
            "code": "invalid_credentials",
            "message": "Identifiant ou mot de passe incorrect.",
        }

    def test_staff_accounts_cannot_sign_in_to_a_portal(self, api, agency):
        from tests.factories import StaffFactory

        staff = StaffFactory(agency=agency, username="gestion")
        assert portal_login(api, staff.username).status_code == 401

    def test_missing_fields_are_a_validation_error(self, api, agency):
        response = api.post(LOGIN, {"identifier": "x"}, format="json")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert "password" in error["fields"]

    def test_an_inactive_account_cannot_sign_in(self, api, client_account):
        client_account.is_active = False
        client_account.save()
        assert portal_login(api, "camille@example.org").status_code == 401


class TestLockout:
    def test_identifier_is_locked_out_after_five_failures(self, api, client_account):
        for _attempt in range(5):
            portal_login(api, "camille@example.org", "wrong")
        response = portal_login(api, "CAMILLE@example.org")  # even the right password
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "locked_out"

    def test_lockout_expires_after_the_cool_off(self, api, client_account, settings):
        from datetime import timedelta

        from axes.models import AccessAttempt

        for _attempt in range(5):
            portal_login(api, "camille@example.org", "wrong")
        AccessAttempt.objects.update(
            attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(hours=1)
        )
        assert portal_login(api, "camille@example.org").status_code == 200

    def test_a_success_resets_the_failure_count(self, api, client_account):
        for _attempt in range(4):
            portal_login(api, "camille@example.org", "wrong")
        assert portal_login(api, "camille@example.org").status_code == 200
        for _attempt in range(4):
            portal_login(api, "camille@example.org", "wrong")
        assert portal_login(api, "camille@example.org").status_code == 200


class TestTokenBinding:
    def test_a_token_is_refused_by_every_other_portal(self, agency, client_account):
        api = signed_in(client_account)
        assert api.get(portal_url("alpha-clients", "me")).status_code == 200
        response = api.get(portal_url("alpha-intervenants", "me"))
        assert response.status_code == 401

    def test_a_deactivated_account_loses_its_open_token(self, client_account):
        api = signed_in(client_account)
        client_account.is_active = False
        client_account.save()
        assert api.get(portal_url("alpha-clients", "me")).status_code == 401

    def test_an_expired_token_is_refused(self, client_account):
        from django.utils import timezone

        api = signed_in(client_account)
        AuthToken.objects.update(expiry=timezone.now())
        assert api.get(portal_url("alpha-clients", "me")).status_code == 401


class TestSessions:
    def test_a_browser_session_works_on_its_portal_only(self, client_account):
        browser = BrowserClient(enforce_csrf_checks=True)
        portal_login(browser, "camille@example.org")
        assert browser.get(portal_url("alpha-clients", "me")).status_code == 200
        assert browser.get(portal_url("alpha-intervenants", "me")).status_code == 401

    def test_session_writes_need_the_csrf_header(self, client_account):
        browser = BrowserClient(enforce_csrf_checks=True)
        portal_login(browser, "camille@example.org")
        refused = browser.post(
            portal_url("alpha-clients", "auth/logout"), content_type="application/json"
        )
        assert refused.status_code == 403
        token = browser.cookies["csrftoken"].value
        accepted = browser.post(
            portal_url("alpha-clients", "auth/logout"),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        assert accepted.status_code == 204
        assert browser.get(portal_url("alpha-clients", "me")).status_code == 401

    def test_a_staff_admin_session_is_no_identity_on_a_portal(self, agency):
        from tests.factories import StaffFactory

        browser = BrowserClient()
        browser.force_login(StaffFactory(agency=agency))
        assert browser.get(portal_url("alpha-clients", "me")).status_code == 401


class TestLogout:
    def test_logout_revokes_the_token_used_and_only_it(self, client_account):
        first, second = signed_in(client_account), signed_in(client_account)
        assert first.post(portal_url("alpha-clients", "auth/logout")).status_code == 204
        assert first.get(portal_url("alpha-clients", "me")).status_code == 401
        assert second.get(portal_url("alpha-clients", "me")).status_code == 200

    def test_anonymous_logout_is_refused(self, api, agency):
        assert api.post(portal_url("alpha-clients", "auth/logout")).status_code == 401


class TestPasswordChange:
    URL = portal_url("alpha-clients", "auth/password")
    NEW = "Nouveau-secret-2026"
    RIGHT = {"current_password": PASSWORD, "new_password": NEW}
    WRONG = {"current_password": "wrong", "new_password": NEW}

    def test_changing_the_password_revokes_other_tokens_and_sessions(
        self, client_account
    ):
        current, other = signed_in(client_account), signed_in(client_account)
        browser = BrowserClient()
        portal_login(browser, "camille@example.org")
        response = current.post(self.URL, self.RIGHT, format="json")
        assert response.status_code == 204
        assert current.get(portal_url("alpha-clients", "me")).status_code == 200
        assert other.get(portal_url("alpha-clients", "me")).status_code == 401
        assert browser.get(portal_url("alpha-clients", "me")).status_code == 401
        api = signed_in(None)
        assert portal_login(api, "camille@example.org", self.NEW).status_code == 200

    def test_the_session_that_changed_the_password_stays_open(self, client_account):
        browser = BrowserClient()
        portal_login(browser, "camille@example.org")
        response = browser.post(self.URL, self.RIGHT, content_type="application/json")
        assert response.status_code == 204
        assert browser.get(portal_url("alpha-clients", "me")).status_code == 200

    def test_a_wrong_current_password_is_refused(self, client_account):
        response = signed_in(client_account).post(self.URL, self.WRONG, format="json")
        assert response.status_code == 400
        assert "current_password" in response.json()["error"]["fields"]

    def test_wrong_current_passwords_share_the_sign_in_lock_out(
        self, api, client_account, settings
    ):
        account = signed_in(client_account)
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert account.post(self.URL, self.WRONG, format="json").status_code == 400
        response = account.post(self.URL, self.WRONG, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "locked_out"
        # Even the right one.
        response = account.post(self.URL, self.RIGHT, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "locked_out"
        assert portal_login(api, "camille@example.org").status_code == 429
        client_account.refresh_from_db()
        assert client_account.check_password(PASSWORD)

    def test_failures_at_sign_in_lock_the_password_change_too(
        self, api, client_account, settings
    ):
        account = signed_in(client_account)
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            portal_login(api, "camille@example.org", "wrong")
        response = account.post(self.URL, self.RIGHT, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "locked_out"

    def test_the_right_current_password_resets_the_count(
        self, api, client_account, settings
    ):
        account = signed_in(client_account)
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert account.post(self.URL, self.WRONG, format="json").status_code == 400
        assert account.post(self.URL, self.RIGHT, format="json").status_code == 204
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            portal_login(api, "camille@example.org", "wrong")
        response = portal_login(api, "camille@example.org", self.NEW)
        assert response.status_code == 200

    def test_a_weak_new_password_is_refused_by_the_validators(self, client_account):
        response = signed_in(client_account).post(
            self.URL,
            {"current_password": PASSWORD, "new_password": "123"},
            format="json",
        )
        assert response.status_code == 400
        assert "new_password" in response.json()["error"]["fields"]
        client_account.refresh_from_db()
        assert client_account.check_password(PASSWORD)


def test_portal_failures_never_lock_a_staff_member_out_of_the_admin(
    api, client, agency
):
    from tests.conftest import sign_in
    from tests.factories import StaffFactory

    staff = StaffFactory(agency=agency, username="chef")
    for _attempt in range(6):
        portal_login(api, "chef", "wrong")
    sign_in(client, staff)  # asserts the admin sign-in still works
