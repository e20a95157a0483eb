"""Quotes, contracts and invoices by their numbers, with their PDF (multipart).
Amounts in cents, as the records hold them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from api_base.schema import ERRORS
from integration.billing import (
    KINDS,
    billing_delete,
    billing_upsert,
    records_for_agency,
)

from .base import AgencyApiView, ItemByRefApi, page_of, updated_since
from .documents import MULTIPART, PAGE_PARAMETERS
from .schema import result_and_page

# As the admin's euro fields: at most twelve digits of euros.
MAX_CENTS = 10**14 - 1


def _date():
    return serializers.DateField(required=False, allow_null=True, default=None)


class RecordInput(serializers.Serializer):
    client = serializers.CharField(help_text="The client's reference.")
    title = serializers.CharField(max_length=200)
    issued_on = serializers.DateField()
    amount_cents = serializers.IntegerField(
        min_value=0,
        max_value=MAX_CENTS,
        help_text="Amount including tax, in cents: 12550 for 125,50 €.",
    )
    currency = serializers.CharField(max_length=3, default="EUR")
    pdf = serializers.FileField(
        required=False,
        allow_empty_file=True,
        help_text="Required to create; published to the client's portal. Left out "
        "of an update, or the same content again: the PDF stays.",
    )


class Record(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    client = serializers.CharField(source="client.external_ref")
    title = serializers.CharField()
    issued_on = serializers.DateField()
    amount_cents = serializers.IntegerField()
    currency = serializers.CharField()
    document = serializers.IntegerField(
        source="document_id", allow_null=True, help_text="The PDF's document id."
    )
    pdf_hash = serializers.CharField(
        source="document.file_hash",
        allow_null=True,
        help_text="SHA-1 of the PDF's content.",
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def serializers_of(model, name, extra_input, extra_output):
    """The input, output, result and page serializers of one kind of record."""
    status_field = {
        "status": serializers.ChoiceField(
            choices=model.Status.choices, default=model.Status.PENDING
        )
    }
    given = type(f"{name}Input", (RecordInput,), {**status_field, **extra_input})
    shown_status = {"status": serializers.ChoiceField(choices=model.Status.choices)}
    shown = type(f"Agency{name}", (Record,), {**shown_status, **extra_output})
    return given, shown, *result_and_page(shown)


SERIALIZERS = {
    "quotes": serializers_of(
        KINDS["quotes"],
        "Quote",
        {"valid_until": _date()},
        {"valid_until": serializers.DateField(allow_null=True)},
    ),
    "contracts": serializers_of(
        KINDS["contracts"],
        "Contract",
        {"starts_on": _date()},
        {"starts_on": serializers.DateField(allow_null=True)},
    ),
    "invoices": serializers_of(
        KINDS["invoices"],
        "Invoice",
        {
            "due_on": _date(),
            "amount_due_cents": serializers.IntegerField(
                required=False,
                allow_null=True,
                default=None,
                min_value=0,
                max_value=MAX_CENTS,
                help_text="Left out: the whole amount for an invoice to pay, else 0.",
            ),
            "immediate_advance": serializers.BooleanField(default=False),
        },
        {
            "due_on": serializers.DateField(allow_null=True),
            "amount_due_cents": serializers.IntegerField(),
            "immediate_advance": serializers.BooleanField(),
        },
    ),
}


class RecordListApi(AgencyApiView):
    resource = "billing"
    kind = ""

    def get(self, request):
        shown = SERIALIZERS[self.kind][1]
        records = records_for_agency(agency=self.agency, kind=self.kind)
        return page_of(self, updated_since(request, records), shown)


class RecordApi(ItemByRefApi):
    # By the record's number, its reference in the agency's software.
    resource = "billing"
    parser_classes = MULTIPART
    kind = ""

    def item(self, ref):
        return (
            records_for_agency(agency=self.agency, kind=self.kind)
            .filter(number=ref)
            .first()
        )

    def upsert(self, ref, values):
        values = dict(values)
        upload = values.pop("pdf", None)
        return billing_upsert(
            agency=self.agency, kind=self.kind, number=ref, values=values, upload=upload
        )

    def remove(self, ref):
        return billing_delete(agency=self.agency, kind=self.kind, number=ref)


LOCKED = {
    "quotes": "A signed quote",
    "contracts": "A signed contract",
    "invoices": "A paid invoice",
}


def record_views(kind):
    """The list and item views of one kind of record, with their schemas."""
    given, shown, result, page = SERIALIZERS[kind]
    name = kind.capitalize()
    list_view = extend_schema_view(
        get=extend_schema(
            operation_id=f"{kind}_list",
            parameters=PAGE_PARAMETERS,
            responses={200: page, **ERRORS(400, 401, 403)},
            description=f"The agency's {kind} by last change.",
        )
    )(type(f"{name}ListApi", (RecordListApi,), {"kind": kind}))
    item_view = extend_schema_view(
        get=extend_schema(responses={200: shown, **ERRORS(401, 403, 404)}),
        put=extend_schema(
            request={"multipart/form-data": given},
            responses={200: result, 201: result, **ERRORS(400, 401, 403, 423)},
            description="Creates or updates the record with this number, through "
            "the admin's service: its PDF is published to the client. The same "
            "fields and PDF content answer `unchanged` and write nothing. "
            f"{LOCKED[kind]} no longer changes: 423 `locked`.",
        ),
        delete=extend_schema(
            responses={204: None, **ERRORS(401, 403, 404, 409, 423)},
            description="Deletes the record and takes its PDF off the portal. "
            f"{LOCKED[kind]} is 423 `locked`; one a signature or a payment refers "
            "to is 409 `protected`: change its status instead.",
        ),
    )(
        type(
            f"{name}Api",
            (RecordApi,),
            {"kind": kind, "input_class": given, "output_class": shown},
        )
    )
    return list_view, item_view
