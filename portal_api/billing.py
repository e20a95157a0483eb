"""A client's quotes, contracts and invoices (API.md: Quotes, contracts, invoices).

One serializer per response shape writes each answer and documents it in the
schema; each kind has its list and detail views, made by billing_views with their
operation ids and page schema.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from api_base.pagination import (
    CURSOR_PARAMETERS,
    PortalCursorPagination,
    cursor_page,
    cursor_page_of,
)
from api_base.schema import ERRORS
from billing.selectors import (
    MODELS,
    billing_record_for_client,
    billing_records_for_client,
)

from .base import PortalApiView


class BillingRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    issued_on = serializers.DateField()
    status = serializers.CharField()
    amount_cents = serializers.IntegerField()
    currency = serializers.CharField()
    document = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_document(self, record):
        # The PDF is offered once published.
        document = record.document
        return document.pk if document and document.is_published else None


class QuoteSerializer(BillingRecordSerializer):
    pass


class ContractSerializer(BillingRecordSerializer):
    pass


class InvoiceSerializer(BillingRecordSerializer):
    due_on = serializers.DateField(allow_null=True)
    amount_due_cents = serializers.IntegerField()
    payable_online = serializers.BooleanField()


class RecordSignatureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    signed_document = serializers.IntegerField(
        source="signed_document_id", allow_null=True
    )


class RecordPaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


def _latest(related):
    return related.order_by("-created_at", "-pk").first()


# What a quote's or a contract's detail adds: its latest signature. (A comment, not a
# docstring: drf-spectacular would put it in both serializers' schema.)
class SignedRecordFields(serializers.Serializer):
    signature = serializers.SerializerMethodField()

    @extend_schema_field(RecordSignatureSerializer(allow_null=True))
    def get_signature(self, record):
        latest = _latest(record.signatures)
        return latest and RecordSignatureSerializer(latest).data


class QuoteDetailSerializer(SignedRecordFields, QuoteSerializer):
    pass


class ContractDetailSerializer(SignedRecordFields, ContractSerializer):
    pass


class InvoiceDetailSerializer(InvoiceSerializer):
    payment = serializers.SerializerMethodField()

    @extend_schema_field(RecordPaymentSerializer(allow_null=True))
    def get_payment(self, record):
        latest = _latest(record.payments)
        return latest and RecordPaymentSerializer(latest).data


class NewestFirst(PortalCursorPagination):
    ordering = ("-issued_on", "-pk")


class BillingApi(PortalApiView):
    kind = ""  # quotes, contracts or invoices
    serializer_class: type[serializers.Serializer]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Shown where the client menu shows them: documents, then the kind's child.
        self.require_sections(
            "documents",
            self.kind,
            kind="client",
            message=_("Cette rubrique n'est pas proposée sur ce portail."),
        )


class BillingListApi(BillingApi):
    def get(self, request, portal):
        paginator = NewestFirst()
        records = billing_records_for_client(kind=self.kind, client=request.user.person)
        page = cursor_page(paginator, records, request, self)
        return paginator.get_paginated_response(
            self.serializer_class(page, many=True).data
        )


class BillingDetailApi(BillingApi):
    def get(self, request, portal, pk):
        record = billing_record_for_client(
            kind=self.kind, client=request.user.person, pk=pk
        )
        if record is None:
            raise ApplicationError(
                "not_found",
                _("%(label)s introuvable.")
                % {"label": MODELS[self.kind]._meta.verbose_name.capitalize()},
                status=404,
            )
        return Response(self.serializer_class(record).data)


def billing_views(kind: str, serializer, detail_serializer):
    """The list and detail views of one kind of record, with their schemas."""
    name = kind.capitalize()[:-1]
    page = cursor_page_of(serializer, f"{name}Page")
    list_view = type(
        f"{name}ListApi",
        (BillingListApi,),
        {"kind": kind, "serializer_class": serializer},
    )
    detail_view = type(
        f"{name}DetailApi",
        (BillingDetailApi,),
        {"kind": kind, "serializer_class": detail_serializer},
    )
    list_schema = extend_schema(
        operation_id=f"{kind}_list",
        parameters=CURSOR_PARAMETERS,
        responses={200: page, **ERRORS(400, 401, 403, 404)},
    )
    detail_schema = extend_schema(
        operation_id=f"{kind}_retrieve",
        responses={200: detail_serializer, **ERRORS(401, 403, 404)},
    )
    return (
        extend_schema_view(get=list_schema)(list_view),
        extend_schema_view(get=detail_schema)(detail_view),
    )


QuoteListApi, QuoteDetailApi = billing_views(
    "quotes", QuoteSerializer, QuoteDetailSerializer
)
ContractListApi, ContractDetailApi = billing_views(
    "contracts", ContractSerializer, ContractDetailSerializer
)
InvoiceListApi, InvoiceDetailApi = billing_views(
    "invoices", InvoiceSerializer, InvoiceDetailSerializer
)
