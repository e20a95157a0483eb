"""The agency API has its own schema and docs page; the portal's leaves it out."""

import pytest

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
