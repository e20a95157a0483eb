"""`auth/password-reset` and its confirmation over HTTP (the roles are in the role
table; here, what a browser and an app see)."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from tests.conftest import portal_url

pytestmark = pytest.mark.django_db
NEW = "Un-tout-nouveau-secret-2026"


@pytest.fixture(autouse=True)
def _commits_run(django_capture_on_commit_callbacks):
    # The e-mail is queued on commit, which each test's transaction never reaches.
    global _on_commit
    _on_commit = django_capture_on_commit_callbacks


def ask(key, identifier, **extra):
    with _on_commit(execute=True):
        return APIClient().post(
            portal_url(key, "auth/password-reset"),
            {"identifier": identifier},
            format="json",
            **extra,
        )


def test_the_answer_is_the_same_for_a_known_and_an_unknown_identifier(
    client_account,
):
    key = client_account.portal.key
    known = ask(key, client_account.username)
    unknown = ask(key, "personne@example.org")
    assert (known.status_code, unknown.status_code) == (202, 202)
    assert known.content == unknown.content == b""
    assert len(mail.outbox) == 1


def test_the_emailed_link_signs_in_with_the_new_password(client_account):
    key = client_account.portal.key
    ask(key, client_account.username)
    link = mail.outbox[0].body.split("token=", 1)[1].split()[0]
    assert mail.outbox[0].body.count(f"/p/{key}/reinitialisation?token=") == 1
    browser = APIClient(enforce_csrf_checks=True)
    answer = browser.post(
        portal_url(key, "auth/password-reset/confirm"),
        {"token": link, "new_password": NEW},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["account"]["identifier"] == client_account.username
    assert browser.get(portal_url(key, "me")).status_code == 200
    again = APIClient().post(
        portal_url(key, "auth/password-reset/confirm"),
        {"token": link, "new_password": NEW + "!"},
        format="json",
    )
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_reset_link"
    assert "Mot de passe oublié" in again.json()["error"]["message"]


def test_a_weak_password_is_a_field_error_in_french(client_account):
    from access.links import PASSWORD_RESET_LINK

    answer = APIClient().post(
        portal_url(client_account.portal.key, "auth/password-reset/confirm"),
        {"token": PASSWORD_RESET_LINK.token(client_account), "new_password": "1234"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert answer.status_code == 400
    body = answer.json()["error"]
    assert body["code"] == "invalid" and body["fields"]["new_password"]


def test_too_many_requests_from_one_address_are_refused(client_account, settings):
    settings.PORTAL_PASSWORD_RESET_PER_ADDRESS = 1
    key = client_account.portal.key
    assert ask(key, "a@example.org").status_code == 202
    refused = ask(key, "b@example.org")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert refused["Retry-After"] == "3600"


def test_a_blank_identifier_is_invalid(client_account):
    answer = ask(client_account.portal.key, "")
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["identifier"]
