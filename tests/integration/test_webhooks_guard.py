"""Server-side request forgery (issue 15): outside development and tests, a webhook
goes to https:// addresses on public networks only, checked when the endpoint is
saved and again before each attempt."""

import pytest
from django.core.exceptions import ValidationError

from integration.models import WebhookDelivery, WebhookEndpoint
from integration.webhook_guard import is_public, url_check
from integration.webhooks import webhook_endpoint_create

from .webhook_helpers import Receiver, emit, endpoint_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_HTTP = False
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = False
    return settings


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://93.184.215.14/hook", "doit commencer par https://"),
        ("ftp://93.184.215.14/hook", "doit commencer par https://"),
        ("https://user:secret@93.184.215.14/", "ni de mot de passe"),
        ("https://127.0.0.1/hook", "n'est pas publique"),
        ("https://localhost:8443/hook", "n'est pas publique"),
        ("https://10.1.2.3/hook", "n'est pas publique"),
        ("https://192.168.1.10/hook", "n'est pas publique"),
        ("https://172.16.0.1/hook", "n'est pas publique"),
        ("https://169.254.169.254/latest/meta-data", "n'est pas publique"),
        ("https://100.64.0.1/", "n'est pas publique"),
        ("https://0.0.0.0/", "n'est pas publique"),
        ("https://[::1]/hook", "n'est pas publique"),
        ("https://[fd00::1]/hook", "n'est pas publique"),
        ("https://[::ffff:127.0.0.1]/hook", "n'est pas publique"),
        ("https://nom-qui-n-existe-pas.invalid/hook", "introuvable"),
    ],
)
def test_creation_refuses_what_is_not_public_https(production, agency, url, message):
    with pytest.raises(ValidationError) as refusal:
        webhook_endpoint_create(agency=agency, url=url)
    assert message in refusal.value.message_dict["url"][0]
    assert not WebhookEndpoint.objects.exists()


def test_a_public_https_address_is_accepted(production, agency):
    endpoint, _secret = webhook_endpoint_create(
        agency=agency, url="https://93.184.215.14/hooks/portail"
    )
    assert endpoint.enabled


@pytest.mark.parametrize(
    "address, public",
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.53", False),
        ("::ffff:10.0.0.1", False),
        ("fe80::1%eth0", False),
        ("224.0.0.1", False),
        ("198.51.100.7", False),  # documentation range
    ],
)
def test_is_public(address, public):
    assert is_public(address) is public


def test_the_settings_allow_local_receivers(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_HTTP = True
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = True
    assert "127.0.0.1" in url_check("http://127.0.0.1:8000/hook")


def test_each_attempt_checks_again(
    settings, agency, httpserver, django_capture_on_commit_callbacks
):
    # Saved while allowed (or a name that resolved to a public address then).
    endpoint, secret = endpoint_for(agency, httpserver)
    receiver = Receiver(httpserver, secret)
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = False
    emit(django_capture_on_commit_callbacks, agency)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert receiver.requests == []
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "n'est pas publique" in delivery.last_error
