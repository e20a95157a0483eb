"""A client's quotes, contracts and invoices (API.md: Quotes, contracts, invoices)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from billing.selectors import MODELS, billing_records_for_client

from .base import PortalApiView
from .pagination import PortalCursorPagination, cursor_page
from .schema import ERRORS


def as_json(record) -> dict:
    document = record.document
    data = {
        "id": record.pk,
        "number": record.number,
        "title": record.title,
        "issued_on": record.issued_on.isoformat(),
        "status": record.status,
        "amount_cents": record.amount_cents,
        "currency": record.currency,
        "document": document.pk if document and document.is_published else None,
    }
    if record.category == "invoice":
        data.update(
            due_on=record.due_on.isoformat() if record.due_on else None,
            amount_due_cents=record.amount_due_cents,
            payable_online=record.payable_online,
        )
    return data


class NewestFirst(PortalCursorPagination):
    ordering = ("-issued_on", "-pk")


class BillingMixin(PortalApiView):
    # quotes, contracts or invoices: set by the URL conf.
    kind = ""

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


BILLING_ITEM = {
    "id": serializers.IntegerField(),
    "number": serializers.CharField(),
    "title": serializers.CharField(),
    "issued_on": serializers.DateField(),
    "status": serializers.CharField(),
    "amount_cents": serializers.IntegerField(),
    "currency": serializers.CharField(),
    "document": serializers.IntegerField(allow_null=True),
}
INVOICE_ITEM = {
    **BILLING_ITEM,
    "due_on": serializers.DateField(allow_null=True),
    "amount_due_cents": serializers.IntegerField(),
    "payable_online": serializers.BooleanField(),
}


# One component per kind, shared by its list and its detail.
ITEM_SCHEMAS = {
    kind: inline_serializer(
        f"{kind.capitalize()}Item",
        INVOICE_ITEM if kind == "invoices" else BILLING_ITEM,
    )
    for kind in MODELS
}


def list_view(kind):
    class ListApi(BillingMixin):
        @extend_schema(
            operation_id=f"{kind}_list",
            parameters=[
                OpenApiParameter("cursor", str),
                OpenApiParameter("page_size", int),
            ],
            responses={
                200: inline_serializer(
                    f"{kind.capitalize()}Page",
                    {
                        "next": serializers.URLField(allow_null=True),
                        "previous": serializers.URLField(allow_null=True),
                        "results": serializers.ListField(child=ITEM_SCHEMAS[kind]),
                    },
                ),
                **ERRORS(400, 401, 403, 404),
            },
        )
        def get(self, request, portal):
            paginator = NewestFirst()
            page = cursor_page(paginator, self.records(), request, self)
            return paginator.get_paginated_response([as_json(r) for r in page])

    ListApi.kind = kind
    ListApi.__name__ = ListApi.__qualname__ = f"{kind.capitalize()}ListApi"
    return ListApi


def detail_view(kind):
    class DetailApi(BillingMixin):
        @extend_schema(
            operation_id=f"{kind}_retrieve",
            responses={200: ITEM_SCHEMAS[kind], **ERRORS(401, 403, 404)},
        )
        def get(self, request, portal, pk):
            record = self.records().filter(pk=pk).first()
            if record is None:
                raise ApplicationError(
                    "not_found",
                    _("%(label)s introuvable.")
                    % {"label": MODELS[kind]._meta.verbose_name.capitalize()},
                    status=404,
                )
            data = as_json(record)
            if kind == "invoices":
                latest = record.payments.order_by("-created_at", "-pk").first()
                data["payment"] = latest and {"id": latest.pk, "status": latest.status}
            else:
                latest = record.signatures.order_by("-created_at", "-pk").first()
                data["signature"] = latest and {
                    "id": latest.pk,
                    "status": latest.status,
                    "signed_document": latest.signed_document_id,
                }
            return Response(data)

    DetailApi.kind = kind
    DetailApi.__name__ = DetailApi.__qualname__ = f"{kind.capitalize()}DetailApi"
    return DetailApi


VIEWS = {kind: (list_view(kind), detail_view(kind)) for kind in MODELS}
