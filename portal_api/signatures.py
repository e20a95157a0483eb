"""Electronic signature of quotes and contracts (API.md: Signature)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from access.client_ip import client_ip
from access.errors import ApplicationError
from api_base.schema import ERRORS
from billing import signatures as services
from billing.models import Signature
from billing.selectors import billing_record_for_client, signature_for_client
from media.downloads import document_download

from .base import PortalApiView


class OpenInput(serializers.Serializer):
    quote = serializers.IntegerField(required=False)
    contract = serializers.IntegerField(required=False)

    def validate(self, data):
        if len(data) != 1:
            raise serializers.ValidationError(
                _("Indiquez un devis (quote) ou un contrat (contract).")
            )
        return data


class TermsInput(serializers.Serializer):
    version = serializers.CharField(max_length=40)
    read_to_end = serializers.BooleanField()


class CodeInput(serializers.Serializer):
    code = serializers.RegexField(r"^\s*\d{6}\s*$", max_length=12)


class SignedRecordSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["quote", "contract"], source="category")
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()


# Context: `request`.
class SignatureTermsSerializer(serializers.Serializer):
    version = serializers.CharField(source="terms.version")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, signature) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(
            reverse(
                "portal_api:signature-terms", args=[request.portal.key, signature.pk]
            )
        )


class SignatureStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Signature.Status.choices)
    document_sha256 = serializers.CharField()
    record = SignedRecordSerializer()
    terms = SignatureTermsSerializer(source="*")
    consent = serializers.SerializerMethodField()
    signed_document = serializers.IntegerField(
        source="signed_document_id", allow_null=True
    )

    @extend_schema_field(
        serializers.CharField(help_text="The sentence the client accepts, as is")
    )
    def get_consent(self, signature) -> str:
        return services.consent_text(signature)


class SignatureCodeSentSerializer(serializers.Serializer):
    channel = serializers.CharField(help_text="`email` (or `sms` where configured)")
    destination = serializers.CharField(help_text="Masked, e.g. c***@e***.fr")
    expires_at = serializers.DateTimeField()


def meta(request) -> dict:
    """Who is acting, as the evidence records it."""
    return {
        "ip": client_ip(request),
        "user_agent": request.headers.get("User-Agent", "")[:500],
        "identifier": request.user.username,
    }


class SignatureMixin(PortalApiView):
    def client(self):
        self.require_sections(
            "signature",
            kind="client",
            message=_("La signature en ligne n'est pas proposée sur ce portail."),
        )
        return self.request.user.person

    def signature(self, pk) -> Signature:
        signature = signature_for_client(client=self.client(), pk=pk)
        if signature is None:
            raise ApplicationError("not_found", _("Signature introuvable."), status=404)
        return signature

    def state(self, signature: Signature) -> dict:
        context = {"request": self.request}
        return SignatureStateSerializer(signature, context=context).data

    def step(self, pk, input_class, service) -> Signature:
        """One step of signature `pk`: its body checked by `input_class`, then
        `service(signature, meta, **body)`."""
        signature = self.signature(pk)
        data = self.read_input(input_class)
        return service(signature=signature, meta=meta(self.request), **data)


def step_schema(operation_id, input_class):
    """A step's schema: its body, then the signature's state or why the step cannot
    be taken."""
    return extend_schema(
        operation_id=operation_id,
        request=input_class,
        responses={
            200: SignatureStateSerializer,
            **ERRORS(400, 401, 403, 404, 409, 423),
        },
    )


class SignatureListApi(SignatureMixin):
    @extend_schema(
        operation_id="signatures_create",
        request=OpenInput,
        responses={201: SignatureStateSerializer, **ERRORS(400, 401, 403, 404, 409)},
    )
    def post(self, request, portal):
        client = self.client()
        [(field, pk)] = self.read_input(OpenInput).items()
        record = billing_record_for_client(kind=f"{field}s", client=client, pk=pk)
        if record is None:
            raise ApplicationError("not_found", _("Document introuvable."), status=404)
        signature = services.signature_open(
            account=request.user, record=record, meta=meta(request)
        )
        return Response(self.state(signature), status=201)


class SignatureApi(SignatureMixin):
    @extend_schema(
        operation_id="signatures_retrieve",
        responses={200: SignatureStateSerializer, **ERRORS(401, 403, 404)},
    )
    def get(self, request, portal, pk):
        signature = services.signature_refresh(signature=self.signature(pk))
        return Response(self.state(signature))


class SignatureTermsApi(SignatureMixin):
    @extend_schema(
        operation_id="signatures_terms_download",
        responses={(200, "application/pdf"): bytes, **ERRORS(401, 403, 404)},
        summary="The general terms this signature asks to accept (PDF)",
    )
    def get(self, request, portal, pk):
        document = self.signature(pk).terms.document
        return document_download(document, filename="conditions-generales.pdf")

    @step_schema("signatures_terms_accept", TermsInput)
    def post(self, request, portal, pk):
        signature = self.step(pk, TermsInput, services.signature_accept_terms)
        return Response(self.state(signature))


class SignatureCodeApi(SignatureMixin):
    @extend_schema(
        operation_id="signatures_code_send",
        request=None,
        responses={
            202: SignatureCodeSentSerializer,
            **ERRORS(401, 403, 404, 409, 423, 429),
        },
    )
    def post(self, request, portal, pk):
        sent, expires_at = services.signature_send_code(
            signature=self.signature(pk), meta=meta(request)
        )
        body = {
            "channel": sent.channel,
            "destination": sent.destination,
            "expires_at": expires_at,
        }
        return Response(SignatureCodeSentSerializer(body).data, status=202)


class SignatureConfirmApi(SignatureMixin):
    @step_schema("signatures_confirm", CodeInput)
    def post(self, request, portal, pk):
        signature = self.step(pk, CodeInput, services.signature_confirm)
        signature.refresh_from_db()  # the sealed PDF, when the worker was immediate
        return Response(self.state(signature))
