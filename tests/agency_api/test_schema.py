"""The agency API has its own schema and docs page; the portal's leaves it out."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_agency_schema_lists_the_agency_api_only(client):
    answer = client.get("/api/v1/agency/schema/", HTTP_ACCEPT="application/json")
    assert answer.status_code == 200
    schema = answer.json()
    assert schema["paths"] and all(
        path.startswith("/api/v1/agency/") for path in schema["paths"]
    )
    assert "/api/v1/agency/clients/{ref}" in schema["paths"]
    assert "apiKeyAuth" in schema["components"]["securitySchemes"]
    assert client.get("/api/v1/agency/docs/").status_code == 200


def test_portal_schema_leaves_the_agency_api_out(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["paths"]
    assert not [path for path in schema["paths"] if "/agency/" in path]
    assert "apiKeyAuth" not in schema["components"]["securitySchemes"]


def test_the_agency_schema_leaves_the_portal_schema_as_committed(client, tmp_path):
    # drf-spectacular keeps some settings for the process once read: the agency
    # schema, generated first, must not change the portal's (web/openapi.json).
    client.get("/api/v1/agency/schema/", HTTP_ACCEPT="application/json")
    generated = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(generated))
    committed = Path(__file__).resolve().parents[2] / "web" / "openapi.json"
    assert json.loads(generated.read_text()) == json.loads(committed.read_text())
