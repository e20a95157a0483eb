"""`POST {resource}/bulk`: up to 1,000 rows, one result per row; `?atomic=true` for
all or nothing."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from access.errors import ApplicationError
from integration.bulk import MAX_ROWS, bulk_upsert, counts
from integration.people import person_upsert
from integration.planning import intervention_bulk_upsert, intervention_upsert
from integration.presence import presence_upsert
from portal_api.schema import ERRORS

from .base import IDEMPOTENCY_KEY, KEY_REUSED, AgencyApiView, rows_answer
from .interventions import InterventionInput
from .people import PersonInput
from .presence import AbsenceInput, AvailabilityInput

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


class BulkApi(AgencyApiView):
    input_class = None
    output_class = None

    def upsert(self, external_ref, values):
        raise NotImplementedError

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


def bulk_view(resource, input_class, upsert, bulk=None):
    """The bulk endpoint of `resource`; `bulk(self, rows, atomic)`, when given,
    runs the rows instead of bulk_upsert with `upsert` (interventions read ahead)."""

    def post(self, request):
        return BulkApi.post(self, request)

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
    return type(
        f"{resource.capitalize()}BulkApi",
        (BulkApi,),
        {
            "resource": resource,
            "input_class": input_class,
            "upsert": upsert,
            **({"bulk": bulk} if bulk else {}),
            "post": schema(post),
        },
    )


def _person_upsert(resource):
    def upsert(self, external_ref, values):
        return person_upsert(
            agency=self.agency,
            resource=resource,
            external_ref=external_ref,
            values=values,
        )

    return upsert


def _intervention_upsert(self, external_ref, values):
    return intervention_upsert(
        agency=self.agency, external_ref=external_ref, values=values
    )


ClientBulkApi = bulk_view("clients", PersonInput, _person_upsert("clients"))
IntervenantBulkApi = bulk_view(
    "intervenants", PersonInput, _person_upsert("intervenants")
)


def _intervention_bulk(self, rows, atomic):
    return intervention_bulk_upsert(agency=self.agency, rows=rows, atomic=atomic)


InterventionBulkApi = bulk_view(
    "interventions", InterventionInput, _intervention_upsert, _intervention_bulk
)


def _presence_upsert(kind):
    def upsert(self, external_ref, values):
        return presence_upsert(
            agency=self.agency, kind=kind, external_ref=external_ref, values=values
        )

    return upsert


AvailabilityBulkApi = bulk_view(
    "availabilities", AvailabilityInput, _presence_upsert("availabilities")
)
AbsenceBulkApi = bulk_view("absences", AbsenceInput, _presence_upsert("absences"))
