"""`POST {resource}/bulk`: up to 1,000 rows, one result per row; `?atomic=true` for
all or nothing."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from access.errors import ApplicationError
from api_base.schema import ERRORS
from integration.bulk import MAX_ROWS, bulk_upsert, counts
from integration.planning import intervention_bulk_upsert

from .base import IDEMPOTENCY_KEY, KEY_REUSED, AgencyApiView, rows_answer
from .interventions import InterventionApi
from .people import PersonApi
from .presence import AbsenceApi, AvailabilityApi

ROW_RESULTS = ["created", "updated", "unchanged", "error"]


class BulkInput(serializers.Serializer):
    rows = serializers.ListField(
        child=serializers.DictField(),
        max_length=MAX_ROWS,
        help_text="Each row: `external_ref` and the fields of a PUT.",
    )


class BulkRowResult(serializers.Serializer):
    external_ref = serializers.CharField()
    result = serializers.ChoiceField(choices=ROW_RESULTS)
    id = serializers.IntegerField(required=False)
    code = serializers.CharField(
        required=False, help_text="For an error: `invalid` or `overlap`."
    )
    message = serializers.CharField(required=False)
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


BulkAnswer = rows_answer("Bulk", BulkRowResult, ROW_RESULTS)


ATOMIC = OpenApiParameter(
    "atomic", bool, description="`true`: one row in error and nothing is saved (400)."
)


def _parse(parser, row):
    """(external_ref, values or field messages, valid). `parser`: one input
    serializer for all the rows (a serializer per row copies its fields each time)."""
    external_ref = row.get("external_ref")
    if not isinstance(external_ref, str) or not external_ref.strip():
        return (
            external_ref if isinstance(external_ref, str) else "",
            {"external_ref": [_("Ce champ est obligatoire.")]},
            False,
        )
    try:
        values = parser.run_validation(row)
    except serializers.ValidationError as error:
        fields = {
            name: [str(message) for message in messages]
            for name, messages in error.detail.items()
        }
        return external_ref, fields, False
    return external_ref, values, True


# POST of rows, each one read by `input_class` and written by `upsert`: what a
# resource's item view (ItemByRefApi) has, which bulk_view mixes in. (A comment: see
# ItemByRefApi.)
class BulkApi(AgencyApiView):
    http_method_names = ["post", "options"]

    def bulk(self, rows, atomic):
        return bulk_upsert(rows=rows, upsert=self.upsert, atomic=atomic)

    def post(self, request):
        return self.replayable(request, lambda: (200, self.run(request)))

    def run(self, request) -> dict:
        data = BulkInput(data=request.data)
        data.is_valid(raise_exception=True)
        atomic = request.query_params.get("atomic", "").lower() in ("true", "1")
        parser = self.input_class()
        rows = [_parse(parser, row) for row in data.validated_data["rows"]]
        results = self.bulk(rows, atomic)
        tally = counts(results)
        if atomic and tally["error"]:
            fields = {}
            for index, row in enumerate(results):
                for name, messages in row.get("fields", {}).items():
                    fields[f"rows.{index}.{name}"] = messages
                # An overlap's message says what is in the way: kept with its row.
                if row["result"] == "error" and row["code"] != "invalid":
                    fields.setdefault(
                        f"rows.{index}.non_field_errors", [row["message"]]
                    )
            raise ApplicationError(
                "invalid",
                ngettext(
                    "Aucune ligne n'a été enregistrée : %(count)d ligne en erreur.",
                    "Aucune ligne n'a été enregistrée : %(count)d lignes en erreur.",
                    tally["error"],
                )
                % {"count": tally["error"]},
                fields=fields,
            )
        for row in results:
            item = row.pop("item", None)
            if item is not None:
                row["id"] = item.pk
        return {"results": results, "counts": tally}


def bulk_view(resource, item_view, bulk=None):
    """The bulk endpoint of `resource`: BulkApi's POST over its `item_view`'s
    `input_class` and `upsert`, so that each row is read and written as `PUT
    {resource}/{ref}` is; `bulk(self, rows, atomic)`, when given, runs the rows
    instead of bulk_upsert (interventions read ahead)."""
    view = type(
        f"{resource.capitalize()}BulkApi",
        (BulkApi, item_view),
        {"resource": resource, **({"bulk": bulk} if bulk else {})},
    )
    schema = extend_schema(
        operation_id=f"{resource}_bulk",
        request=BulkInput,
        parameters=[ATOMIC, IDEMPOTENCY_KEY],
        responses={
            200: BulkAnswer,
            **ERRORS(400, 401, 403, 409),
            422: KEY_REUSED,
        },
        description=f"Up to {MAX_ROWS} rows, each one upserted as `PUT "
        f"{resource}/{{ref}}` would; one result per row, in order.",
    )
    return extend_schema_view(post=schema)(view)


def _intervention_bulk(self, rows, atomic):
    return intervention_bulk_upsert(agency=self.agency, rows=rows, atomic=atomic)


ClientBulkApi = bulk_view("clients", PersonApi)
IntervenantBulkApi = bulk_view("intervenants", PersonApi)
InterventionBulkApi = bulk_view("interventions", InterventionApi, _intervention_bulk)
AvailabilityBulkApi = bulk_view("availabilities", AvailabilityApi)
AbsenceBulkApi = bulk_view("absences", AbsenceApi)
