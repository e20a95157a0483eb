"""What every agency endpoint shares: the key's agency, its scopes, the writes'
`Idempotency-Key`, and the lists' `updated_since` and cursor pages."""

from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import ApplicationError
from api_base.pagination import cursor_page
from api_base.serializers import ErrorSerializer
from integration.idempotency import fingerprint, idempotent

from . import schema  # noqa: F401 — registers the key's OpenAPI scheme
from .authentication import ApiKeyAuthentication
from .permissions import HasScope

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    description="A retry with the same key and body gets the first answer again "
    "(for 24 hours, header `Idempotent-Replayed: true`); the same key with another "
    "body is a 422 `idempotency_key_reused`.",
)
KEY_REUSED = OpenApiResponse(
    ErrorSerializer,
    description="`Idempotency-Key` already used with another body "
    "(`idempotency_key_reused`)",
)


class AgencyApiView(APIView):
    """An endpoint under /api/v1/agency/, for `self.agency`, the key's agency.
    `resource` names the scopes it needs (`<resource>:read` or `:write`)."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    resource = ""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.agency = request.auth.agency

    @staticmethod
    def found(item):
        if item is None:
            raise Http404
        return item

    def replayable(self, request, run):
        """`run()` -> (status, body), once per `Idempotency-Key`: a retry gets the
        first answer again and writes (or sends) nothing."""
        answer_status, body, replayed = idempotent(
            agency=self.agency,
            key=request.headers.get("Idempotency-Key"),
            print_=fingerprint(
                method=request.method,
                path=request.path,
                query=request.META.get("QUERY_STRING", ""),
                data=request.data,
            ),
            run=run,
        )
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return Response(body, status=answer_status, headers=headers)


# GET, PUT (the upsert) and DELETE of one item by the agency's reference. Each
# resource says how it finds an item (`item`: None when unknown), upserts one
# (`upsert`: (item, result)) and deletes one (`remove`: False when unknown), and
# which serializers read the body (`input_class`) and write the item
# (`output_class`). (Comments, not docstrings: drf-spectacular would make them the
# endpoints' descriptions.)
class ItemByRefApi(AgencyApiView):
    input_class: type[serializers.Serializer]
    output_class: type[serializers.Serializer]

    def item(self, ref):
        raise NotImplementedError

    def upsert(self, ref, values: dict):
        raise NotImplementedError

    def remove(self, ref) -> bool:
        raise NotImplementedError

    def get(self, request, ref):
        return Response(self.output_class(self.found(self.item(ref))).data)

    def put(self, request, ref):
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        item, result = self.upsert(ref, data.validated_data)
        return upsert_answer(self.output_class, item, result)

    def delete(self, request, ref):
        if not self.remove(ref):
            self.found(None)
        return Response(status=status.HTTP_204_NO_CONTENT)


def upsert_answer(serializer_class, item, result):
    body = {**serializer_class(item).data, "result": result}
    code = status.HTTP_201_CREATED if result == "created" else status.HTTP_200_OK
    return Response(body, status=code)


class UpdatedCursorPagination(CursorPagination):
    # By last change, so that a reconciliation reads on from where it stopped.
    ordering = ("updated_at", "pk")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


def updated_since(request, queryset):
    text = request.query_params.get("updated_since")
    if not text:
        return queryset
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ApplicationError.invalid_field(
            "updated_since",
            _("Date et heure ISO 8601 avec fuseau attendues (2026-01-31T08:00:00Z)."),
        )
    return queryset.filter(updated_at__gte=moment)


def optional_ref(help_text: str) -> serializers.CharField:
    """A person's reference that may be null or left out (then null)."""
    return serializers.CharField(
        required=False, allow_null=True, default=None, help_text=help_text
    )


def rows_answer(name: str, row, results) -> type[serializers.Serializer]:
    """The answer to a request on many rows, `{name}Answer` in the schema: one `row`
    per row, and how many rows had each of `results` (`{name}Counts`)."""
    counts = type(
        f"{name}Counts",
        (serializers.Serializer,),
        {result: serializers.IntegerField() for result in results},
    )
    return type(
        f"{name}Answer",
        (serializers.Serializer,),
        {"results": row(many=True), "counts": counts()},
    )


def page_of(view, queryset, serializer_class, paginator_class=UpdatedCursorPagination):
    paginator = paginator_class()
    items = cursor_page(paginator, queryset, view.request, view)
    return paginator.get_paginated_response(serializer_class(items, many=True).data)
