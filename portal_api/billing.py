"""A client's quotes, contracts and invoices (API.md: Quotes, contracts, invoices).

One serializer per response shape writes each answer and documents it in the
schema; each kind has its own two view classes.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from billing.selectors import MODELS, billing_records_for_client

from .base import PortalApiView
from .pagination import PortalCursorPagination, cursor_page
from .schema import ERRORS


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


class QuoteDetailSerializer(QuoteSerializer):
    signature = serializers.SerializerMethodField()

    @extend_schema_field(RecordSignatureSerializer(allow_null=True))
    def get_signature(self, record):
        latest = _latest(record.signatures)
        return latest and RecordSignatureSerializer(latest).data


class ContractDetailSerializer(ContractSerializer):
    signature = serializers.SerializerMethodField()

    @extend_schema_field(RecordSignatureSerializer(allow_null=True))
    def get_signature(self, record):
        latest = _latest(record.signatures)
        return latest and RecordSignatureSerializer(latest).data


class InvoiceDetailSerializer(InvoiceSerializer):
    payment = serializers.SerializerMethodField()

    @extend_schema_field(RecordPaymentSerializer(allow_null=True))
    def get_payment(self, record):
        latest = _latest(record.payments)
        return latest and RecordPaymentSerializer(latest).data


class NewestFirst(PortalCursorPagination):
    ordering = ("-issued_on", "-pk")


class CursorPage(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class QuotePage(CursorPage):
    results = QuoteSerializer(many=True)


class ContractPage(CursorPage):
    results = ContractSerializer(many=True)


class InvoicePage(CursorPage):
    results = InvoiceSerializer(many=True)


class BillingApi(PortalApiView):
    kind = ""  # quotes, contracts or invoices
    serializer_class: type[serializers.Serializer]

    def records(self):
        # Shown where the client menu shows them: documents, then the kind's child.
        self.require_sections(
            "documents",
            self.kind,
            kind="client",
            message=_("Cette rubrique n'est pas proposée sur ce portail."),
        )
        return billing_records_for_client(
            kind=self.kind, client=self.request.user.person
        )


class BillingListApi(BillingApi):
    def get(self, request, portal):
        paginator = NewestFirst()
        page = cursor_page(paginator, self.records(), request, self)
        return paginator.get_paginated_response(
            self.serializer_class(page, many=True).data
        )


class BillingDetailApi(BillingApi):
    def get(self, request, portal, pk):
        record = self.records().filter(pk=pk).first()
        if record is None:
            raise ApplicationError(
                "not_found",
                _("%(label)s introuvable.")
                % {"label": MODELS[self.kind]._meta.verbose_name.capitalize()},
                status=404,
            )
        return Response(self.serializer_class(record).data)


PAGE_PARAMETERS = [OpenApiParameter("cursor", str), OpenApiParameter("page_size", int)]
LIST_ERRORS = ERRORS(400, 401, 403, 404)
DETAIL_ERRORS = ERRORS(401, 403, 404)


class QuoteListApi(BillingListApi):
    kind, serializer_class = "quotes", QuoteSerializer

    @extend_schema(
        operation_id="quotes_list",
        parameters=PAGE_PARAMETERS,
        responses={200: QuotePage, **LIST_ERRORS},
    )
    def get(self, request, portal):
        return super().get(request, portal)


class QuoteDetailApi(BillingDetailApi):
    kind, serializer_class = "quotes", QuoteDetailSerializer

    @extend_schema(
        operation_id="quotes_retrieve",
        responses={200: QuoteDetailSerializer, **DETAIL_ERRORS},
    )
    def get(self, request, portal, pk):
        return super().get(request, portal, pk)


class ContractListApi(BillingListApi):
    kind, serializer_class = "contracts", ContractSerializer

    @extend_schema(
        operation_id="contracts_list",
        parameters=PAGE_PARAMETERS,
        responses={200: ContractPage, **LIST_ERRORS},
    )
    def get(self, request, portal):
        return super().get(request, portal)


class ContractDetailApi(BillingDetailApi):
    kind, serializer_class = "contracts", ContractDetailSerializer

    @extend_schema(
        operation_id="contracts_retrieve",
        responses={200: ContractDetailSerializer, **DETAIL_ERRORS},
    )
    def get(self, request, portal, pk):
        return super().get(request, portal, pk)


class InvoiceListApi(BillingListApi):
    kind, serializer_class = "invoices", InvoiceSerializer

    @extend_schema(
        operation_id="invoices_list",
        parameters=PAGE_PARAMETERS,
        responses={200: InvoicePage, **LIST_ERRORS},
    )
    def get(self, request, portal):
        return super().get(request, portal)


class InvoiceDetailApi(BillingDetailApi):
    kind, serializer_class = "invoices", InvoiceDetailSerializer

    @extend_schema(
        operation_id="invoices_retrieve",
        responses={200: InvoiceDetailSerializer, **DETAIL_ERRORS},
    )
    def get(self, request, portal, pk):
        return super().get(request, portal, pk)
