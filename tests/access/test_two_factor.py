"""Staff's second factor: who is stopped where, setting up an app, codes from the app
and recovery codes, and the lock-out after wrong codes."""

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.two_factor import services
from access.two_factor.checks import staff_2fa_mode_is_known
from tests.conftest import sign_in
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"
VERIFY = "/admin/double-authentification/code/"
SETUP = "/admin/double-authentification/configurer/"
CODES = "/admin/double-authentification/codes-de-secours/"
DEVICES = "/admin/double-authentification/"


def app_code(device, steps_ahead=0):
    """The code the app shows now, or that many 30-second steps later (a code is
    accepted once: the next one is the one after)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrolled(user):
    """The user with a confirmed app and recovery codes, as after setting it up."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = services.regenerate_recovery_codes(user)
    return device, codes


@pytest.fixture
def staff(agency):
    return StaffFactory(agency=agency)


@pytest.fixture
def required(settings):
    settings.STAFF_2FA = "required"


def signed_in(client, user):
    client.force_login(user, backend="access.backends.StaffBackend")
    return client


class TestOptional:
    def test_staff_without_an_app_reach_the_admin_with_their_password(
        self, client, staff
    ):
        assert signed_in(client, staff).get(HOME).status_code == 200

    def test_staff_who_set_up_an_app_are_asked_for_its_code(self, client, staff):
        enrolled(staff)
        response = signed_in(client, staff).get("/admin/pages/")
        assert response.status_code == 302
        assert response.url == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"


class TestRequired:
    def test_staff_without_an_app_are_sent_to_set_one_up(self, client, staff, required):
        for path in [HOME, "/admin/pages/", "/admin/account/", DEVICES]:
            response = signed_in(client, staff).get(path)
            assert response.status_code == 302, path
            assert response.url.startswith(f"{SETUP}?next="), path

    def test_superusers_too(self, client, required):
        admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
        response = signed_in(client, admin).get(HOME)
        assert response.url.startswith(SETUP)

    def test_staff_with_an_app_are_asked_for_its_code(self, client, staff, required):
        enrolled(staff)
        response = signed_in(client, staff).get(HOME)
        assert response.url == f"{VERIFY}?next=%2Fadmin%2F"

    def test_documents_are_behind_the_second_factor_too(self, client, staff, required):
        response = signed_in(client, staff).get("/documents/1/file.pdf")
        assert response.status_code == 302
        assert response.url.startswith(SETUP)

    def test_signing_out_stays_open(self, client, staff, required):
        response = signed_in(client, staff).post(reverse("wagtailadmin_logout"))
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session

    def test_portal_accounts_are_not_concerned(self, client_account, required):
        assert services.pending_step(client_account) is None

    def test_an_unknown_mode_requires_it_and_fails_the_checks(self, settings):
        settings.STAFF_2FA = "requried"
        assert services.required()
        assert [e.id for e in staff_2fa_mode_is_known(None)] == ["access.E201"]
        settings.STAFF_2FA = "optional"
        assert staff_2fa_mode_is_known(None) == []


class TestCode:
    def test_the_app_s_code_opens_the_admin(self, client, staff, required):
        device, _codes = enrolled(staff)
        sign_in(client, staff)
        before = client.session.session_key
        response = client.post(
            f"{VERIFY}?next=/admin/pages/", {"code": app_code(device)}
        )
        assert response.status_code == 302
        assert response.url == "/admin/pages/"
        assert client.get(HOME).status_code == 200
        assert client.session.session_key != before

    def test_a_recovery_code_opens_the_admin_once(self, client, staff, required):
        _device, codes = enrolled(staff)
        sign_in(client, staff)
        assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
        assert client.get(HOME).status_code == 200
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client, staff)
        response = client.post(VERIFY, {"code": codes[0]})
        assert response.status_code == 200
        assert "Code incorrect." in response.content.decode()
        assert services.recovery_codes_left(staff) == 9

    def test_an_operator_s_one_time_code_lets_a_phoneless_staff_member_in(
        self, client, staff, required
    ):
        enrolled(staff)
        out = io.StringIO()
        call_command("addstatictoken", staff.username, stdout=out)
        sign_in(client, staff)
        assert client.post(VERIFY, {"code": out.getvalue().strip()}).status_code == 302
        assert client.get(SETUP).status_code == 200  # and sets up a new app

    def test_next_stays_on_this_site(self, client, staff, required):
        device, _codes = enrolled(staff)
        sign_in(client, staff)
        response = client.post(
            f"{VERIFY}?next=https://evil.example/", {"code": app_code(device)}
        )
        assert response.url == HOME

    def test_five_wrong_codes_lock_the_code_out(self, client, staff, required):
        device, codes = enrolled(staff)
        sign_in(client, staff)
        statuses = [
            client.post(VERIFY, {"code": "000000"}).status_code for _ in range(5)
        ]
        assert statuses == [200, 200, 200, 200, 429]
        # Signing in again with the password does not start the count afresh.
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client, staff)
        response = client.post(VERIFY, {"code": app_code(device)})
        assert response.status_code == 429
        assert client.post(VERIFY, {"code": codes[0]}).status_code == 429
        assert client.get(HOME).status_code == 302

    def test_a_right_code_resets_the_count(self, client, staff, required):
        device, _codes = enrolled(staff)
        sign_in(client, staff)
        for _ in range(4):
            client.post(VERIFY, {"code": "000000"})
        assert client.post(VERIFY, {"code": app_code(device)}).status_code == 302
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client, staff)
        for _ in range(4):
            assert client.post(VERIFY, {"code": "000000"}).status_code == 200


class TestSetup:
    def test_setting_up_an_app_shows_ten_recovery_codes_once(
        self, client, staff, required
    ):
        signed_in(client, staff)
        page = client.get(f"{SETUP}?next=/admin/pages/").content.decode()
        device = TOTPDevice.objects.get(user=staff, confirmed=False)
        assert "data:image/svg+xml" in page
        assert (
            " ".join(
                [
                    device.config_url.split("secret=")[1].split("&")[0][i : i + 4]
                    for i in range(0, 32, 4)
                ]
            )
            in page
        )
        response = client.post(
            f"{SETUP}?next=/admin/pages/", {"code": app_code(device)}
        )
        assert response.status_code == 302
        shown = client.get(response.url)
        assert shown.status_code == 200
        assert len(shown.context["codes"]) == 10
        assert 'href="/admin/pages/"' in shown.content.decode()
        assert client.get(CODES).status_code == 302  # shown once
        assert client.get(HOME).status_code == 200
        device.refresh_from_db()
        assert device.confirmed

    def test_a_wrong_code_keeps_the_same_key(self, client, staff, required):
        signed_in(client, staff)
        client.get(SETUP)
        key = TOTPDevice.objects.get(user=staff).key
        response = client.post(SETUP, {"code": "000000"})
        assert response.status_code == 200
        assert "Code incorrect." in response.content.decode()
        assert TOTPDevice.objects.get(user=staff).key == key
        assert client.get(HOME).status_code == 302

    def test_no_new_app_without_the_current_one_s_code(self, client, staff):
        enrolled(staff)
        response = signed_in(client, staff).get(SETUP)
        assert response.status_code == 302
        assert response.url.startswith(VERIFY)

    def test_a_new_app_replaces_the_old_one(self, client, staff):
        old, _codes = enrolled(staff)
        sign_in(client, staff)
        client.post(VERIFY, {"code": app_code(old)})
        client.get(SETUP)
        new = TOTPDevice.objects.get(user=staff, confirmed=False)
        client.post(SETUP, {"code": app_code(new)})
        assert list(TOTPDevice.objects.filter(user=staff)) == [new]


class TestAccountPage:
    def test_the_account_page_links_to_the_second_factor(self, client, staff):
        page = signed_in(client, staff).get("/admin/account/").content.decode()
        assert DEVICES in page
        assert "Double authentification" in page

    def test_staff_see_their_app_and_regenerate_their_codes(self, client, staff):
        device, old_codes = enrolled(staff)
        sign_in(client, staff)
        client.post(VERIFY, {"code": app_code(device)})
        page = client.get(DEVICES).content.decode()
        assert "Il vous reste 10 codes de secours." in page
        response = client.post(f"{DEVICES}codes-de-secours/regenerer/")
        new_codes = client.get(response.url).context["codes"]
        assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client, staff)
        assert client.post(VERIFY, {"code": old_codes[1]}).status_code == 200
        assert client.post(VERIFY, {"code": new_codes[1]}).status_code == 302
