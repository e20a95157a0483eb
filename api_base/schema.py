"""OpenAPI pieces of both APIs: the error responses, the base of the key schemes,
and the limit of the contract to /api/v1/."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
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


def only_public_api(endpoints):
    """The contract covers /api/v1/ only, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
