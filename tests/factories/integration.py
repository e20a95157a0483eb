"""Agency API keys, made by the service the admin and the command use; the key's
secret is on `key.secret` (the only place it exists besides the answer)."""

from datetime import timedelta

from django.utils import timezone
from rest_framework.test import APIClient

from integration.keys import api_key_create

_names = iter(range(1, 10**9))


def agency_api_key(agency, *, scopes=None, expired=False, revoked=False, name=None):
    key, secret = api_key_create(
        agency=agency,
        name=name or f"clé {next(_names)}",
        scopes=scopes,
        expiry_date=timezone.now() - timedelta(minutes=1) if expired else None,
    )
    if revoked:
        key.revoke()
    key.secret = secret
    return key


def agency_api(key=None) -> APIClient:
    """An API client sending `key` (none: anonymous)."""
    client = APIClient()
    if key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key.secret}")
    return client


def agency_url(path: str) -> str:
    return f"/api/v1/agency/{path}"
