"""The signed-in person's planning (API.md: Planning)."""

from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from api_base.schema import ERRORS
from planning import parties, services
from planning.kinds import NAMES as KINDS
from planning.models import Intervention
from planning.policies import require_action
from planning.selectors import planning_for_person

from .base import PortalApiView
from .periods import PeriodParameters, day_end, day_start
from .serializers import FastPathSerializer

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


# The other person of a visit, as planning.parties lets the viewer see them: a family
# sees who comes (first name and initial), a care worker the client they visit in
# full. Written by InterventionSerializer.
class VisitClientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False)
    address = serializers.CharField(required=False)
    postal_code = serializers.CharField(required=False)
    city = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)


class VisitIntervenantSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False)
    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False, help_text="An initial")


# The context of every planning serializer: `zone`, the agency's time zone, and
# `viewer_kind`, the portal's kind ("client" or "intervenant"). An item is written by
# the class method `write`, which a week's planning calls for each item without a
# serializer instance per kind.
class PlanningItemSerializer(FastPathSerializer):
    id = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    version = serializers.IntegerField(help_text="Sent back in If-Match to change it")

    def to_representation(self, item) -> dict:
        return self.write(item, self.context["zone"], self.context["viewer_kind"])

    @classmethod
    def write(cls, item, zone, viewer_kind) -> dict:
        return {
            "id": item.pk,
            "start": item.start.astimezone(zone).isoformat(),
            "end": item.end.astimezone(zone).isoformat(),
            "version": item.version,
        }


class AvailabilitySerializer(PlanningItemSerializer):
    pass


class AbsenceSerializer(PlanningItemSerializer):
    reason = serializers.CharField()

    @classmethod
    def write(cls, item, zone, viewer_kind) -> dict:
        data = super().write(item, zone, viewer_kind)
        data["reason"] = item.reason
        return data


class InterventionSerializer(PlanningItemSerializer):
    status = serializers.ChoiceField(choices=Intervention.Status.choices)
    service = serializers.CharField()
    client = VisitClientSerializer(
        help_text="`id` alone on the client portal; the client in full on the "
        "intervenant portal."
    )
    intervenant = VisitIntervenantSerializer(
        allow_null=True,
        help_text="`id` alone on the intervenant portal; first name and initial on "
        "the client portal, null while nobody is assigned.",
    )

    @classmethod
    def write(cls, item, zone, viewer_kind) -> dict:
        data = super().write(item, zone, viewer_kind)
        data["status"] = item.status
        data["service"] = item.service
        if viewer_kind == "client":
            data["client"] = {"id": item.client_id}
            data["intervenant"] = parties.other_party(item, viewer_kind)
        else:
            data["client"] = parties.other_party(item, viewer_kind)
            data["intervenant"] = {"id": item.intervenant_id}
        return data


ITEM_SERIALIZERS: dict[str, type[PlanningItemSerializer]] = {
    "interventions": InterventionSerializer,
    "availabilities": AvailabilitySerializer,
    "absences": AbsenceSerializer,
}


class PlanningSerializer(FastPathSerializer):
    interventions = InterventionSerializer(many=True)
    availabilities = AvailabilitySerializer(many=True)
    absences = AbsenceSerializer(many=True)

    def to_representation(self, items: dict) -> dict:
        # `items`: planning_for_person's answer, a list per kind.
        zone, viewer_kind = self.context["zone"], self.context["viewer_kind"]
        return {
            kind: [serializer.write(item, zone, viewer_kind) for item in items[kind]]
            for kind, serializer in ITEM_SERIALIZERS.items()
        }


# What a write answers: the item, of the kind in the path.
ANY_ITEM = PolymorphicProxySerializer(
    component_name="AnyPlanningItem",
    serializers=list(ITEM_SERIALIZERS.values()),
    resource_type_field_name=None,
)
KIND_PARAMETER = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, enum=list(ITEM_SERIALIZERS)
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
        responses={200: PlanningSerializer, **ERRORS(400, 401, 403, 404)},
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
        context = {"zone": zone, "viewer_kind": self.portal.kind}
        return Response(PlanningSerializer(items, context=context).data)


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


# Writes within the portal's action matrix, on the person's own items. (A comment:
# see PortalApiView.)
class PlanningWriteApi(PlanningApi):
    def check_action(self, kind):
        self.check_section()
        require_action(
            self.page.planning_actions(), kind, ACTION_OF_METHOD[self.request.method]
        )

    def answer(self, kind, item, status=200):
        context = {
            "zone": ZoneInfo(self.portal.agency.time_zone),
            "viewer_kind": self.portal.kind,
        }
        return Response(
            ITEM_SERIALIZERS[kind](item, context=context).data,
            status=status,
            headers={"ETag": f'"{item.version}"'},
        )


class PlanningCreateApi(PlanningWriteApi):
    http_method_names = ["post", "options"]

    @extend_schema(
        operation_id="planning_create",
        parameters=[KIND_PARAMETER],
        request=ItemInput,
        responses={201: ANY_ITEM, **ERRORS(400, 401, 403, 404, 409)},
    )
    def post(self, request, portal, kind):
        self.check_action(kind)
        data = ItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.planning_item_create(
            account=request.user,
            kind=kind,
            values=services.editable_values(kind, data.validated_data),
            client_id=data.validated_data.get("client"),
        )
        return self.answer(kind, item, status=201)


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    description="The item's `version`, as read (a bare or quoted number)",
)


class PlanningItemApi(PlanningWriteApi):
    http_method_names = ["patch", "delete", "options"]

    @extend_schema(
        operation_id="planning_update",
        parameters=[KIND_PARAMETER, IF_MATCH],
        request=ItemInput,
        responses={200: ANY_ITEM, **ERRORS(400, 401, 403, 404, 409, 412, 428)},
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
        operation_id="planning_delete",
        parameters=[KIND_PARAMETER, IF_MATCH],
        responses={204: None, **ERRORS(400, 401, 403, 404, 412, 428)},
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
