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


# Maps whose keys are data, not names a client could know in advance; each value is
# still typed. Component.property.
FREE_MAPS = {"ErrorDetail.fields"}


def untyped_parts(schema, node, where, component="", seen=()) -> list[str]:
    """Where, inside one response body, a client generated from the schema would
    get no type: an object without properties, a free map not in FREE_MAPS, an
    array without items, or a value of any type."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return []
        target = schema["components"]["schemas"][name]
        return untyped_parts(schema, target, f"{where} ({name})", name, (*seen, name))
    found = []
    for key in ("allOf", "oneOf", "anyOf"):
        for part in node.get(key, []):
            found += untyped_parts(schema, part, where, component, seen)
    kind = node.get("type")
    if not (kind or "enum" in node or {"allOf", "oneOf", "anyOf"} & set(node)):
        found.append(f"{where}: a value of any type")
    if kind == "object" or "properties" in node or "additionalProperties" in node:
        free = node.get("additionalProperties", False)
        if free is not False and not node.get("properties"):
            owner = where.rsplit(".", 1)[-1]
            if free in (True, {}) or f"{component}.{owner}" not in FREE_MAPS:
                found.append(f"{where}: an object without properties")
            else:
                found += untyped_parts(schema, free, f"{where}.*", component, seen)
        elif free is not False:
            found.append(f"{where}: properties and a free map")
        elif not node.get("properties"):
            found.append(f"{where}: an object without properties")
        for name, part in node.get("properties", {}).items():
            found += untyped_parts(schema, part, f"{where}.{name}", component, seen)
    if kind == "array":
        if node.get("items"):
            found += untyped_parts(schema, node["items"], f"{where}[]", component, seen)
        else:
            found.append(f"{where}: an array of anything")
    return found


def test_every_response_body_is_typed(schema):
    """A typed client (openapi-typescript) can be generated from every answer."""
    untyped = []
    for route, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                for media, body in response.get("content", {}).items():
                    where = f"{method.upper()} {route} {status} {media}"
                    if "schema" not in body:
                        untyped.append(f"{where}: no schema")
                        continue
                    untyped += untyped_parts(schema, body["schema"], where)
    assert untyped == []


def test_the_schema_checker_sees_an_untyped_body():
    schema = {"components": {"schemas": {}}}
    for body in (
        {"type": "object"},
        {"type": "object", "additionalProperties": {}},
        {"type": "object", "properties": {"a": {"type": "array"}}},
        {"type": "object", "properties": {"a": {"description": "anything"}}},
    ):
        assert untyped_parts(schema, body, "body"), body
    typed = {"type": "object", "properties": {"a": {"type": "integer"}}}
    assert untyped_parts(schema, typed, "body") == []
