"""Webhook endpoints of the key's agency: `POST` answers the signing secret, this
once; `GET` never shows it again."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api_base.schema import ERRORS
from api_base.serializers import ErrorSerializer
from integration.models import Event
from integration.webhooks import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoints_for_agency,
)

from .base import IDEMPOTENCY_KEY, KEY_REUSED, AgencyApiView


class WebhookEndpointInput(serializers.Serializer):
    url = serializers.URLField(
        max_length=500,
        help_text="Where the events are POSTed: https:// on a public address.",
    )
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=Event.Type.choices),
        required=False,
        default=list,
        help_text="The types to send; empty or absent: every type, including "
        "types added later.",
    )
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class AgencyWebhookEndpoint(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=Event.Type.choices),
        help_text="Empty: every type.",
    )
    description = serializers.CharField()
    enabled = serializers.BooleanField(
        help_text="False once disabled after repeated failure; staff enable it "
        "again in the admin."
    )
    disabled_reason = serializers.CharField()
    disabled_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class AgencyWebhookEndpointCreated(AgencyWebhookEndpoint):
    secret = serializers.CharField(
        help_text="The Standard Webhooks signing secret (`whsec_...`): shown in "
        "this answer only."
    )


class AgencyWebhookEndpointList(serializers.Serializer):
    results = AgencyWebhookEndpoint(many=True)


class WebhookEndpointListApi(AgencyApiView):
    resource = "webhooks"

    @extend_schema(
        operation_id="webhook_endpoints_list",
        responses={200: AgencyWebhookEndpointList, **ERRORS(401, 403)},
        description="The agency's webhook endpoints, oldest first (at most 20).",
    )
    def get(self, request):
        endpoints = webhook_endpoints_for_agency(agency=self.agency)
        return Response({"results": AgencyWebhookEndpoint(endpoints, many=True).data})

    @extend_schema(
        operation_id="webhook_endpoints_create",
        request=WebhookEndpointInput,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: AgencyWebhookEndpointCreated,
            **ERRORS(400, 401, 403),
            409: OpenApiResponse(
                ErrorSerializer,
                description="The first request with this `Idempotency-Key` is "
                "still running (`idempotency_in_progress`)",
            ),
            422: KEY_REUSED,
        },
        description="A new endpoint; the answer holds its signing secret, which is "
        "never shown again. Every event of the chosen types is then POSTed to "
        "it, signed as Standard Webhooks say.",
    )
    def post(self, request):
        return self.replayable(
            request, lambda: (status.HTTP_201_CREATED, self.create(request))
        )

    def create(self, request) -> dict:
        data = WebhookEndpointInput(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint, secret = webhook_endpoint_create(
            agency=self.agency, **data.validated_data
        )
        return {**AgencyWebhookEndpoint(endpoint).data, "secret": secret}


class WebhookEndpointApi(AgencyApiView):
    resource = "webhooks"

    def endpoint(self, pk):
        return self.found(
            webhook_endpoints_for_agency(agency=self.agency).filter(pk=pk).first()
        )

    @extend_schema(
        operation_id="webhook_endpoints_retrieve",
        responses={200: AgencyWebhookEndpoint, **ERRORS(401, 403, 404)},
    )
    def get(self, request, pk):
        return Response(AgencyWebhookEndpoint(self.endpoint(pk)).data)

    @extend_schema(
        operation_id="webhook_endpoints_destroy",
        responses={204: None, **ERRORS(401, 403, 404)},
        description="Deletes the endpoint and its delivery log; nothing more is "
        "sent to it.",
    )
    def delete(self, request, pk):
        webhook_endpoint_delete(endpoint=self.endpoint(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
