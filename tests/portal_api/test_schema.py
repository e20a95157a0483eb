import re

import pytest
import yaml
from django.urls import get_resolver

from portal_api.urls import portal_patterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


class TestSchema:
    def test_schema_lists_every_portal_route(self, schema):
        documented = set(schema["paths"])
        for pattern in portal_patterns:
            route = re.sub(r"<\w+:(\w+)>", r"{\1}", str(pattern.pattern))
            route = route.replace("{pk}", "{id}")  # as API.md names it
            assert f"/api/v1/portals/{{portal}}/{route}" in documented

    def test_public_endpoints_need_no_authentication_and_others_do(self, schema):
        paths = schema["paths"]
        for public in ("config", "home"):
            operation = paths[f"/api/v1/portals/{{portal}}/{public}"]["get"]
            assert operation.get("security") in ([], [{}])
        me = paths["/api/v1/portals/{portal}/me"]["get"]
        assert {"tokenAuth": []} in me["security"]

    def test_errors_are_documented_with_the_error_shape(self, schema):
        me = schema["paths"]["/api/v1/portals/{portal}/me"]["get"]["responses"]
        ref = me["401"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/Error")
        assert "error" in schema["components"]["schemas"]["Error"]["properties"]

    def test_schema_generation_raises_no_warning(self):
        from django.core.management import call_command

        call_command(
            "spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null"
        )

    def test_interactive_docs_are_served_without_a_cdn(self, api):
        response = api.get("/api/v1/docs/")
        assert response.status_code == 200
        assert b"/static/drf_spectacular_sidecar/" in response.content


def test_every_api_route_is_under_v1():
    resolver = get_resolver()
    assert any(str(p.pattern) == "api/v1/" for p in resolver.url_patterns)


def test_the_documents_list_is_documented_as_a_page(schema):
    ok = schema["paths"]["/api/v1/portals/{portal}/documents"]["get"]["responses"]
    ref = ok["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(page["properties"]) == {"next", "previous", "results"}
