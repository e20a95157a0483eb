"""The signed-in person's planning (API.md: Planning)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from access.errors import ApplicationError
from access.models import Client
from access.services import account_for_calendar_token, calendar_token_renew
from planning import parties, services
from planning.ical import planning_calendar
from planning.kinds import NAMES as KINDS
from planning.selectors import planning_for_person

from .base import PortalApiView
from .periods import PeriodParameters, day_end, day_start
from .schema import ERRORS

MAX_DAYS = 62


class RangeSerializer(PeriodParameters):
    """A planning period: both days, at most MAX_DAYS of them."""

    def validate(self, data):
        days = (data["to"] - data["start"]).days + 1
        if days < 1:
            raise serializers.ValidationError({"to": _("La fin précède le début.")})
        if days > MAX_DAYS:
            raise serializers.ValidationError(
                {"to": _("Au plus %(days)s jours par demande.") % {"days": MAX_DAYS}}
            )
        return data


def _local(moment, zone):
    return moment.astimezone(zone).isoformat()


def serialize(kind, item, *, viewer_kind, zone):
    data = {
        "id": item.pk,
        "start": _local(item.start, zone),
        "end": _local(item.end, zone),
        "version": item.version,
    }
    if kind == "interventions":
        data.update(status=item.status, service=item.service)
        if viewer_kind == "client":
            data["client"] = {"id": item.client_id}
            data["intervenant"] = parties.other_party(item, viewer_kind)
        else:
            data["client"] = parties.other_party(item, viewer_kind)
            data["intervenant"] = {"id": item.intervenant_id}
    elif kind == "absences":
        data["reason"] = item.reason
    return data


PLANNING_OUTPUT = inline_serializer(
    "Planning",
    {kind: serializers.ListField(child=serializers.DictField()) for kind in KINDS},
)


class PlanningApi(PortalApiView):
    def check_section(self):
        self.require_sections(
            "planning", message=_("Le planning n'est pas proposé sur ce portail.")
        )

    @extend_schema(
        operation_id="planning_list",
        parameters=[
            OpenApiParameter("from", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter(
                "to",
                str,
                required=True,
                description=f"YYYY-MM-DD, at most {MAX_DAYS} days after from",
            ),
        ],
        responses={200: PLANNING_OUTPUT, **ERRORS(400, 401, 403, 404)},
    )
    def get(self, request, portal):
        self.check_section()
        period = RangeSerializer(data=request.query_params)
        period.is_valid(raise_exception=True)
        zone = ZoneInfo(self.portal.agency.time_zone)
        start = day_start(period.validated_data["start"], zone)
        end = day_end(period.validated_data["to"], zone)
        actions = self.page.planning_actions()
        viewable = {kind for kind in KINDS if "view" in actions[kind]}
        items = planning_for_person(
            person=request.user.person, start=start, end=end, kinds=viewable
        )
        return Response(
            {
                kind: [
                    serialize(kind, item, viewer_kind=self.portal.kind, zone=zone)
                    for item in found
                ]
                for kind, found in items.items()
            }
        )


class ItemInput(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    service = serializers.CharField(max_length=200, required=False, allow_blank=True)
    client = serializers.IntegerField(required=False)


ACTION_OF_METHOD = {"POST": "create", "PATCH": "change", "DELETE": "delete"}


def if_match_version(request) -> int:
    header = request.headers.get("If-Match")
    if not header:
        raise ApplicationError(
            "precondition_required",
            _("En-tête If-Match requis (la version de l'élément)."),
            status=428,
        )
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise ApplicationError("invalid", _("En-tête If-Match invalide."), status=400)
    return int(value)


class PlanningWriteApi(PlanningApi):
    """Writes within the portal's action matrix, on the person's own items."""

    def check_action(self, kind):
        self.check_section()
        action = ACTION_OF_METHOD[self.request.method]
        if kind not in KINDS or action not in self.page.planning_actions()[kind]:
            raise ApplicationError(
                "action_not_allowed",
                _("Cette action n'est pas autorisée sur ce portail."),
                status=403,
            )

    def answer(self, kind, item, status=200):
        zone = ZoneInfo(self.portal.agency.time_zone)
        body = serialize(kind, item, viewer_kind=self.portal.kind, zone=zone)
        return Response(body, status=status, headers={"ETag": f'"{item.version}"'})


class PlanningCreateApi(PlanningWriteApi):
    http_method_names = ["post", "options"]

    @extend_schema(
        operation_id="planning_create",
        request=ItemInput,
        responses={201: dict, **ERRORS(400, 401, 403, 404, 409)},
    )
    def post(self, request, portal, kind):
        self.check_action(kind)
        data = ItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        client = None
        if kind == "interventions" and self.portal.kind == "intervenant":
            client = visited_client(
                request.user.person, data.validated_data.get("client")
            )
        item = services.planning_item_create(
            account=request.user,
            kind=kind,
            values=services.editable_values(kind, data.validated_data),
            client=client,
        )
        return self.answer(kind, item, status=201)


class PlanningItemApi(PlanningWriteApi):
    http_method_names = ["patch", "delete", "options"]

    @extend_schema(
        operation_id="planning_update",
        request=ItemInput,
        responses={200: dict, **ERRORS(400, 401, 403, 404, 409)},
    )
    def patch(self, request, portal, kind, pk):
        self.check_action(kind)
        version = if_match_version(request)
        data = ItemInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item = services.planning_item_update(
            account=request.user,
            kind=kind,
            item_id=pk,
            version=version,
            values=services.editable_values(kind, data.validated_data),
        )
        return self.answer(kind, item)

    @extend_schema(
        operation_id="planning_delete", responses={204: None, **ERRORS(401, 403, 404)}
    )
    def delete(self, request, portal, kind, pk):
        self.check_action(kind)
        services.planning_item_delete(
            account=request.user,
            kind=kind,
            item_id=pk,
            version=if_match_version(request),
        )
        return Response(status=204)


def visited_client(intervenant, client_id):
    """A care worker may add a visit only to a client they already visit."""
    client = (
        Client.objects.filter(pk=client_id, interventions__intervenant=intervenant)
        .distinct()
        .first()
        if client_id
        else None
    )
    if client is None:
        raise ApplicationError(
            "invalid",
            _("Choisissez un client que vous suivez."),
            status=400,
            fields={"client": [_("Choisissez un client que vous suivez.")]},
        )
    return client


FEED_PAST, FEED_AHEAD = timedelta(days=31), timedelta(days=92)


class CalendarFeedApi(PortalApiView):
    # Calendar apps cannot send headers: the secret in the URL is the credential.
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="planning_ics",
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={(200, "text/calendar"): str, **ERRORS(403, 404)},
    )
    def get(self, request, portal):
        account = account_for_calendar_token(
            portal=self.portal, token=request.query_params.get("token", "")
        )
        if account is None:
            raise ApplicationError(
                "not_found", _("Calendrier introuvable."), status=404
            )
        self.require_sections(
            "planning", message=_("Le planning n'est pas proposé sur ce portail.")
        )
        now = timezone.now()
        actions = self.page.planning_actions()
        items = planning_for_person(
            person=account.person,
            start=now - FEED_PAST,
            end=now + FEED_AHEAD,
            kinds={kind for kind in KINDS if "view" in actions[kind]},
        )
        body = planning_calendar(
            person=account.person,
            items=items,
            host=request.get_host(),
            name=self.page.title,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, max-age=300"
        return response


class CalendarFeedRenewApi(PlanningApi):
    http_method_names = ["post", "options"]

    @extend_schema(
        operation_id="planning_ics_renew",
        request=None,
        responses={
            200: inline_serializer("CalendarFeed", {"url": serializers.URLField()}),
            **ERRORS(401, 403, 404),
        },
        summary="A new secret calendar address; the previous one stops working",
    )
    def post(self, request, portal):
        self.check_section()
        token = calendar_token_renew(account=request.user)
        url = request.build_absolute_uri(
            reverse("portal_api:planning-ics", args=[self.portal.key])
        )
        return Response({"url": f"{url}?token={token}"})
