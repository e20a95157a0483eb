"""`manage.py agency_api_key`: the key alone on the last line, usable at once;
revoked by name."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from integration.models import AgencyApiKey
from integration.scopes import SCOPES
from tests.factories import AgencyFactory
from tests.factories.integration import agency_url

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("agency_api_key", *args, stdout=out)
    return out.getvalue()


def answer_with(client, secret):
    return client.get(agency_url("clients"), HTTP_AUTHORIZATION=f"Api-Key {secret}")


def test_create_prints_the_key_last_then_revoke_stops_it(client):
    agency = AgencyFactory()
    secret = run("create", "--agency", agency.slug, "--name", "ERP").splitlines()[-1]
    key = AgencyApiKey.objects.get(agency=agency, name="ERP")
    assert key.scopes == list(SCOPES)  # every scope when none is given
    assert secret not in key.hashed_key and key.is_valid(secret)
    assert answer_with(client, secret).status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None

    run("revoke", "--agency", agency.slug, "--name", "ERP")
    key.refresh_from_db()
    assert key.revoked and key.revoked_at is not None
    assert answer_with(client, secret).status_code == 401


def test_create_with_scopes_and_refusals():
    agency = AgencyFactory()
    run(
        "create", "--agency", agency.slug, "--name", "Lecture",
        "--scope", "clients:read", "--scope", "interventions:read",
    )  # fmt: skip
    key = AgencyApiKey.objects.get(name="Lecture")
    assert key.scopes == ["clients:read", "interventions:read"]
    with pytest.raises(CommandError, match="déjà ce nom"):
        run("create", "--agency", agency.slug, "--name", "Lecture")
    with pytest.raises(CommandError, match="No agency"):
        run("create", "--agency", "nulle-part", "--name", "X")
    with pytest.raises(CommandError, match="No active key"):
        run("revoke", "--agency", agency.slug, "--name", "Inconnue")
