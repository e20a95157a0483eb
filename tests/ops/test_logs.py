"""The service's log lines (cms/logs.py, settings.LOGGING): JSON, with the request id
from the proxy, and no secret a request carried."""

import io
import json
import logging
import logging.config
from unittest import mock

import pytest
from django.test import Client

from cms.settings import base
from tests.conftest import portal_url, signed_in

pytestmark = pytest.mark.django_db
C = "alpha-clients"

PASSWORD = "Mot-de-passe-tres-SECRET-1"
TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9aabbccddeeff00112233445566778899"
CALENDAR_TOKEN = "calSECRETfeedTOKEN9f8e7d6c5b4a"
SIGNATURE_CODE = "493817"
SECRETS = [PASSWORD, TOKEN, CALENDAR_TOKEN, SIGNATURE_CODE]


@pytest.fixture
def log_lines(settings):
    """What the production logging configuration writes, captured: a function that
    returns the lines written so far, each parsed."""
    logging.config.dictConfig(base.LOGGING)
    stream = io.StringIO()
    (handler,) = logging.getLogger().handlers
    handler.setStream(stream)

    def lines():
        raw = stream.getvalue()
        return raw, [json.loads(line) for line in raw.splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def test_no_password_token_calendar_token_or_code_reaches_the_log(
    log_lines, client_account
):
    anonymous = Client(raise_request_exception=False)
    anonymous.post(
        portal_url(C, "auth/login"),
        {"identifier": client_account.username, "password": PASSWORD},
        content_type="application/json",
    )
    anonymous.get(portal_url(C, "me"), HTTP_AUTHORIZATION=f"Token {TOKEN}")
    anonymous.get(portal_url(C, f"me?token={TOKEN}"))
    feed = anonymous.get(portal_url(C, f"planning.ics?token={CALENDAR_TOKEN}"))
    assert feed.status_code == 404
    api = signed_in(client_account)
    api.raise_request_exception = False
    api.post(
        portal_url(C, f"signatures/999999/confirm?code={SIGNATURE_CODE}"),
        {"code": SIGNATURE_CODE},
        format="json",
    )
    # A failure whose message quotes the address it failed on.
    with mock.patch(
        "portal_api.content.MeApi.get",
        side_effect=RuntimeError(f"failed on /planning.ics?token={CALENDAR_TOKEN}"),
    ):
        api.get(portal_url(C, f"me?token={TOKEN}"))

    raw, lines = log_lines()
    django_request = [line for line in lines if line["logger"] == "django.request"]
    assert len(django_request) >= 6, raw
    paths = {line.get("path") for line in django_request}
    assert portal_url(C, "planning.ics") in paths
    assert any("Traceback" in line.get("exc_info", "") for line in lines), raw
    for secret in SECRETS:
        assert secret not in raw, secret


def test_each_line_carries_the_request_id_sent_back_to_the_proxy(log_lines, client):
    proxy_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    proxied = client.get("/nowhere", HTTP_X_REQUEST_ID=proxy_id)
    assert proxied["X-Request-ID"] == proxy_id
    made = client.get("/nowhere-either")
    assert len(made["X-Request-ID"]) == 32
    # Not a proxy's id: a client cannot write what it likes into the log.
    forged = client.get("/nowhere", HTTP_X_REQUEST_ID='x" injected\n{"level":"ok"}')
    assert "injected" not in forged["X-Request-ID"]

    _raw, lines = log_lines()
    ids = [line["request_id"] for line in lines if line["logger"] == "django.request"]
    assert ids == [
        proxy_id,
        made["X-Request-ID"],
        forged["X-Request-ID"],
    ]


def test_lines_logged_inside_the_request_carry_its_id(log_lines, client):
    with mock.patch(
        "django.core.cache.backends.locmem.LocMemCache.aget",
        side_effect=ConnectionError("refused"),
    ):
        response = client.get("/readyz", HTTP_X_REQUEST_ID="probe-0123456789")
    assert response.status_code == 503
    _raw, lines = log_lines()
    check = [line for line in lines if line["logger"] == "health_check"]
    assert check and check[0]["request_id"] == "probe-0123456789"
    assert check[0]["level"] == "WARNING"
    # ISO 8601 in UTC, whatever the process's time zone.
    assert check[0]["time"].endswith("+00:00") and "T" in check[0]["time"]
