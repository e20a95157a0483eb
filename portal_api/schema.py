"""OpenAPI of the portal API: its two authentication schemes, its download
responses, and the schema of fields that drf-spectacular cannot name well on its
own."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from api_base.schema import ERRORS, KeyScheme

# What media.downloads.document_download answers: the file, streamed or, from object
# storage, through a redirect to a short-lived address.
DOWNLOAD_RESPONSES = {
    (200, "application/octet-stream"): bytes,
    302: None,
    **ERRORS(401, 403, 404),
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
