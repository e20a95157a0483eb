from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from access.services import (
    INVITATION,
    portal_account_delete,
    portal_account_generate,
    portal_account_regenerate,
)
from tests.conftest import portal_url
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

URL = portal_url("alpha-clients", "auth/invitation")
NEW = "Mon-nouveau-secret-77"


@pytest.fixture
def invited(agency):
    return portal_account_generate(
        person=ClientFactory(agency=agency, email="inv@x.org"), mode=INVITATION
    )


def token_of(credentials):
    return parse_qs(urlparse(credentials.invitation_link).query)["token"][0]


def accept(api, token, password=NEW, key="alpha-clients"):
    return api.post(
        portal_url(key, "auth/invitation"),
        {"token": token, "new_password": password},
        format="json",
    )


class TestInvitation:
    def test_the_link_points_at_the_portal(self, invited):
        assert invited.invitation_link.startswith(
            "http://testserver/p/alpha-clients/invitation?token="
        )

    def test_choosing_a_password_signs_in(self, api, invited):
        response = accept(api, token_of(invited))
        assert response.status_code == 200
        assert response.json()["account"]["identifier"] == "inv@x.org"
        assert response.json()["token"]
        invited.account.refresh_from_db()
        assert invited.account.check_password(NEW)

    def test_a_link_works_only_once(self, api, invited):
        assert accept(api, token_of(invited)).status_code == 200
        response = accept(api, token_of(invited), password="Encore-un-autre-88")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_invitation"

    def test_an_expired_link_is_refused(self, api, invited, settings):
        settings.PORTAL_INVITATION_MAX_AGE = timedelta(seconds=-1)
        assert accept(api, token_of(invited)).status_code == 400

    def test_the_delay_is_configurable(self, api, invited, settings, monkeypatch):
        later = timezone.now() + timedelta(days=8)
        monkeypatch.setattr("access.links.timezone.now", lambda: later)
        assert accept(api, token_of(invited)).status_code == 400
        settings.PORTAL_INVITATION_MAX_AGE = timedelta(days=10)
        assert accept(api, token_of(invited)).status_code == 200

    def test_regeneration_kills_the_old_link(self, api, invited):
        old = token_of(invited)
        portal_account_regenerate(account=invited.account, mode=INVITATION)
        assert accept(api, old).status_code == 400

    def test_deletion_kills_the_link(self, api, invited):
        token = token_of(invited)
        portal_account_delete(account=invited.account)
        assert accept(api, token).status_code == 400

    def test_the_link_is_refused_by_another_portal(self, api, invited):
        response = accept(api, token_of(invited), key="alpha-intervenants")
        assert response.status_code == 400

    def test_a_tampered_token_is_refused(self, api, invited):
        token = token_of(invited)
        # Always a change, whatever the token's last characters are.
        tampered = token[:-2] + ("00" if token[-2:] != "00" else "11")
        assert accept(api, tampered).status_code == 400
        assert accept(api, "garbage").status_code == 400

    def test_the_chosen_password_goes_through_the_validators(self, api, invited):
        response = accept(api, token_of(invited), password="123")
        assert response.status_code == 400
        assert "new_password" in response.json()["error"]["fields"]
        assert accept(api, token_of(invited)).status_code == 200
