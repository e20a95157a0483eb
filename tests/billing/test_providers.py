"""The sandbox payment provider exists for development and tests only."""

import json
import time

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from billing import providers


@pytest.fixture
def no_sandbox(settings):
    """Settings as production has them: the sandbox is not allowed."""
    settings.PORTAL_PAYMENT_SANDBOX = False
    return settings


class TestSandboxOutsideDevelopment:
    def test_billing_refuses_to_start_with_the_sandbox(self, no_sandbox):
        no_sandbox.PORTAL_PAYMENT_PROVIDER = "sandbox"
        with pytest.raises(ImproperlyConfigured, match="DJANGO_PAYMENT_PROVIDER"):
            apps.get_app_config("billing").ready()

    def test_billing_starts_with_another_provider_or_none(self, no_sandbox):
        for name in ["stripe", ""]:
            no_sandbox.PORTAL_PAYMENT_PROVIDER = name
            apps.get_app_config("billing").ready()

    def test_no_webhook_key_is_derived(self, no_sandbox):
        with pytest.raises(ImproperlyConfigured):
            providers.sandbox_signature(b"{}", int(time.time()))

    def test_the_sandbox_is_no_provider(self, no_sandbox):
        with pytest.raises(LookupError):
            providers.provider("sandbox")

    @pytest.mark.django_db
    def test_its_webhook_is_not_found(self, no_sandbox):
        no_sandbox.PORTAL_PAYMENT_PROVIDER = "sandbox"
        body = json.dumps({"id": "evt_1", "type": "paid"}).encode()
        response = APIClient().generic(
            "POST",
            "/api/v1/payments/webhooks/sandbox",
            body,
            content_type="application/json",
            HTTP_SANDBOX_SIGNATURE=f"t={int(time.time())},v1=0",
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


class TestSandboxInDevelopment:
    def test_the_sandbox_signs_and_reads_its_callbacks(self, settings):
        assert settings.PORTAL_PAYMENT_SANDBOX
        body = b'{"id": "e", "type": "paid", "reference": "r", '
        body += b'"amount_cents": 1, "currency": "EUR"}'
        headers = {
            "Sandbox-Signature": providers.sandbox_signature(body, int(time.time()))
        }
        event = providers.provider("sandbox").read_callback(body=body, headers=headers)
        assert event.type == "paid"
