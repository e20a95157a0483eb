"""The agency API's schema, apart from the portal API's, and the schema pieces its
resources share (an upsert's answer, pages, lists by last change, item operations)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from api_base.pagination import cursor_page_of
from api_base.schema import ERRORS, KeyScheme

PREFIX = "/api/v1/agency/"


def only_agency_api(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]


def without_agency_api(endpoints):
    """The portal schema (web/openapi.json) leaves the agency API out."""
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith(PREFIX)]


class ApiKeyScheme(KeyScheme):
    target_class = "agency_api.authentication.ApiKeyAuthentication"
    name = "apiKeyAuth"
    description = (
        "`Api-Key <key>`, created in the admin (Intégrations) "
        "or with `manage.py agency_api_key create`."
    )


SCHEMA_SETTINGS = {
    "TITLE": "Portail agency API",
    "DESCRIPTION": "Server to server, for the agency's own software: upserts by "
    "the agency's references, lists for reconciliation, bulk writes.",
    "PREPROCESSING_HOOKS": ["agency_api.schema.only_agency_api"],
    # Not ENUM_NAME_OVERRIDES: drf-spectacular reads those once per process, so
    # the agency API's are in the project's settings with the portal's.
}


RESULTS = ["created", "updated", "unchanged"]


def result_and_page(item):
    """What an upsert answers (the item and its `result`) and a page of the list,
    of one kind of item, named after it in the schema."""
    name = item.__name__
    result = type(
        f"{name}Result", (item,), {"result": serializers.ChoiceField(choices=RESULTS)}
    )
    return result, cursor_page_of(item, f"{name}Page")


UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    str,
    description="Only what changed at or after this moment (ISO 8601 with zone).",
)


def list_schema(page, **more):
    """A list by last change, from `updated_since` on, in cursor pages."""
    return extend_schema(
        parameters=[UPDATED_SINCE],
        responses={200: page, **ERRORS(400, 401, 403)},
        **more,
    )


def item_schemas(output, result, input_class, put_description, put_errors=(), **delete):
    """`get`, `put` (the upsert by reference) and `delete` of one item, for
    extend_schema_view."""
    return {
        "get": extend_schema(responses={200: output, **ERRORS(401, 403, 404)}),
        "put": extend_schema(
            request=input_class,
            responses={200: result, 201: result, **ERRORS(400, 401, 403, *put_errors)},
            description=put_description,
        ),
        "delete": extend_schema(
            responses={204: None, **ERRORS(401, 403, 404)}, **delete
        ),
    }
