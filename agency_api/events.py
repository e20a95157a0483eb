"""The events feed: the agency's outbox read in order, for software that polls."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from api_base.schema import ERRORS
from integration.events import events_after
from integration.models import Event

from .base import AgencyApiView

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class AgencyEvent(serializers.Serializer):
    id = serializers.IntegerField(help_text="The event's cursor.")
    type = serializers.ChoiceField(choices=Event.Type.choices)
    data = serializers.DictField(help_text="Ids only.")
    created_at = serializers.DateTimeField()


class AgencyEventPage(serializers.Serializer):
    results = AgencyEvent(many=True)
    next_cursor = serializers.IntegerField(
        help_text="Pass it as `after` for the next page; the same cursor when "
        "nothing new has come."
    )
    has_more = serializers.BooleanField()


def _number(request, name, default, *, minimum, maximum=None):
    text = request.query_params.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < minimum or (maximum and value > maximum):
        raise ApplicationError.invalid_field(name, _("Nombre entier attendu."))
    return value


class EventListApi(AgencyApiView):
    resource = "events"

    @extend_schema(
        operation_id="events_list",
        parameters=[
            OpenApiParameter(
                "after",
                OpenApiTypes.INT,
                description="The last cursor read (0 or none: from the start).",
            ),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"At most {MAX_PAGE_SIZE}."
            ),
        ],
        responses={200: AgencyEventPage, **ERRORS(400, 401, 403)},
        description="The agency's events after the cursor, oldest first. An event's "
        "id is committed with its change; read on with `next_cursor`.",
    )
    def get(self, request):
        after = _number(request, "after", 0, minimum=0)
        limit = _number(request, "limit", PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
        # One more than the page: whether another page follows, without a count.
        events = list(events_after(agency=self.agency, after=after)[: limit + 1])
        page = events[:limit]
        return Response(
            {
                "results": AgencyEvent(page, many=True).data,
                "next_cursor": page[-1].pk if page else after,
                "has_more": len(events) > limit,
            }
        )
