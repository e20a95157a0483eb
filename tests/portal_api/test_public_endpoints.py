"""Public endpoints ignore credentials (issue 11, item 15): generated API clients
send their Authorization header everywhere, and a stale or foreign token must not
turn an open endpoint into a 401."""

import json

import pytest
from rest_framework.test import APIClient

from home_pages.services import portal_page_configure
from tests.conftest import portal_url, signed_in
from tests.factories import PASSWORD, InvoiceFactory

pytestmark = pytest.mark.django_db
C = "alpha-clients"
GARBAGE = "Token 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"


@pytest.fixture(params=["garbage", "stale", "valid", "other_portal"])
def caller(request, client_account, intervenant_account):
    """An API client sending one kind of credentials it should not need."""
    if request.param == "garbage":
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=GARBAGE)
        return api
    account = (
        intervenant_account if request.param == "other_portal" else (client_account)
    )
    api = signed_in(account)
    if request.param == "stale":
        account.auth_token_set.all().delete()
    return api


class TestPublicEndpointsIgnoreCredentials:
    def test_the_schema_answers(self, caller):
        assert caller.get("/api/v1/schema/").status_code == 200

    def test_the_interactive_docs_answer(self, caller):
        assert caller.get("/api/v1/docs/").status_code == 200

    def test_sign_in_answers_as_usual(self, caller, client_account):
        response = caller.post(
            portal_url(C, "auth/login"),
            {"identifier": client_account.username, "password": PASSWORD},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()["account"]["identifier"] == client_account.username

    def test_a_wrong_password_answers_invalid_credentials(self, caller, client_account):
        response = caller.post(
            portal_url(C, "auth/login"),
            {"identifier": client_account.username, "password": "not-it"},
            format="json",
        )
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_credentials"

    def test_an_invitation_answers_as_usual(self, caller):
        response = caller.post(
            portal_url(C, "auth/invitation"),
            {"token": "unknown", "new_password": "a-long-new-password-1"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] != "authentication_failed"

    @pytest.mark.parametrize("path", ["config", "home"])
    def test_the_portal_presentation_answers(self, caller, path):
        assert caller.get(portal_url(C, path)).status_code == 200

    def test_the_payment_webhook_answers_as_usual(self, caller):
        response = caller.generic(
            "POST",
            "/api/v1/payments/webhooks/sandbox",
            json.dumps({"id": "evt"}),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_callback"

    def test_the_sandbox_checkout_answers_as_usual(self, caller, client_account):
        portal_page_configure(
            page=client_account.portal.page,
            menu_sections=["documents", "invoices", "payment"],
        )
        invoice = InvoiceFactory(
            client=client_account.client, amount_cents=31250, amount_due_cents=31250
        )
        payment = signed_in(client_account).post(
            portal_url(C, f"invoices/{invoice.pk}/payments")
        )
        assert payment.status_code == 201, payment.content
        reference = payment.json()["checkout_url"].rstrip("/").rsplit("/", 1)[-1]
        response = caller.get(f"/api/v1/payments/sandbox/{reference}")
        assert response.status_code == 200


def test_every_open_portal_endpoint_reads_no_credentials():
    """An endpoint open to anyone (AllowAny) runs no authentication, so that no
    header can make it answer 401; a new open endpoint joins this rule."""
    from rest_framework.permissions import AllowAny

    from portal_api.urls import portal_patterns

    open_views = [
        view
        for view in (p.callback.view_class for p in portal_patterns)
        if AllowAny in view.permission_classes
    ]
    assert {view.__name__ for view in open_views} >= {
        "LoginApi",
        "InvitationApi",
        "ConfigApi",
        "HomeApi",
    }
    for view in open_views:
        assert view.authentication_classes == [], view.__name__
