"""A database out of reach answers 503 in the API's error shape, not a 500
(cms/db_unavailable.py); the full restart is proven by tests/cluster/scenario.py."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from cms.views import server_error


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_view_that_cannot_reach_the_database_answers_503(client, error):
    with mock.patch(
        "portal_api.base.portal_by_key",
        side_effect=error("connection refused"),
    ):
        response = client.get("/api/v1/portals/demo-clients/config")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.json()
    assert body["error"]["code"] == "service_unavailable"
    assert body["error"]["message"].startswith("Le service est momentanément")
    assert set(body) == {"error"}


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/api/v1/portals/demo/me", "application/json"), ("/admin/", "text/plain")],
)
def test_a_middleware_that_cannot_reach_it_answers_503_too(path, content_type):
    # What Django's handler500 sees: the exception being handled.
    request = RequestFactory().get(path)
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Content-Type"].startswith(content_type)
    assert b"unexpectedly" not in response.content


def test_other_errors_stay_500():
    request = RequestFactory().get("/api/v1/portals/demo/me")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_persistent_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
