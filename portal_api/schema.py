"""OpenAPI helpers: the error responses, our two authentication schemes, and the
schema of fields that drf-spectacular cannot name well on its own."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorSerializer

_DESCRIPTIONS = {
    400: "Invalid input, malformed JSON included (`invalid`)",
    401: "Not signed in, or bad credentials (`invalid_credentials`)",
    403: "Not allowed (`module_disabled`, `section_disabled`, `action_not_allowed`)",
    404: "Unknown portal or object, or not yours",
    409: "Conflict (`overlap`: `fields.conflict` names the item in the way as "
    "`<kind>:<id>`)",
    412: "The item changed since it was read (`stale_version`): read it again",
    423: "Locked (`locked`: too many wrong signature codes, a coupon already decided)",
    428: "`If-Match` missing (`precondition_required`)",
    429: "Locked out (`locked_out`) or throttled (`too_many_requests`)",
    502: "The payment provider failed (`payment_unavailable`)",
    503: "No payment provider configured (`payment_unavailable`)",
}


def ERRORS(*statuses: int) -> dict:  # noqa: N802 — reads as a constant in decorators
    return {
        code: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code])
        for code in statuses
    }


# What media.downloads.document_download answers: the file, streamed or, from object
# storage, through a redirect to a short-lived address.
DOWNLOAD_RESPONSES = {
    (200, "application/octet-stream"): bytes,
    302: None,
    **ERRORS(401, 403, 404),
}


class KeyScheme(OpenApiAuthenticationExtension):
    """An authentication scheme that reads a key from header or cookie `key`;
    subclasses name their `target_class`, `name` and `description`."""

    where = "header"
    key = "Authorization"
    description = ""

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": self.where,
            "name": self.key,
            "description": self.description,
        }


class PortalTokenScheme(KeyScheme):
    target_class = "portal_api.authentication.PortalTokenAuthentication"
    name = "tokenAuth"
    description = "`Token <token>` from `auth/login`; bound to its portal."


class PortalSessionScheme(KeyScheme):
    target_class = "portal_api.authentication.PortalSessionAuthentication"
    name = "sessionAuth"
    where, key = "cookie", "sessionid"
    description = "Set by `auth/login`; writes need `X-CSRFToken`."


class PlanningActionsScheme(OpenApiSerializerFieldExtension):
    target_class = "portal_api.content.PlanningActionsField"

    def get_name(self):
        return "PlanningActionList"

    def map_serializer_field(self, auto_schema, direction):
        choices = list(self.target.child.choices)
        return {"type": "array", "items": {"type": "string", "enum": choices}}


def only_public_api(endpoints):
    """The contract covers /api/v1/ only, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
