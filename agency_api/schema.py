"""The agency API's schema, apart from the portal API's."""

from api_base.schema import KeyScheme

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
