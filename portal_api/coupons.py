"""An intervenant's coupons (API.md: Coupons)."""

from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api_base.schema import ERRORS
from planning import coupons as services
from planning.models import Coupon
from planning.selectors import coupons_for_intervenant

from .base import PortalApiView
from .periods import DayField, PeriodParameters, day_end, day_start
from .serializers import FastPathSerializer


class CouponInput(serializers.Serializer):
    intervention = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    kilometres = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=0, required=False, allow_null=True
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CouponFilters(PeriodParameters):
    status = serializers.ChoiceField(choices=Coupon.Status.choices, required=False)
    start = DayField(required=False)
    to = DayField(required=False)

    def parameters(self, data) -> dict:
        given = {**super().parameters(data), "status": data.get("status")}
        return {k: v for k, v in given.items() if v}


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


# Context: `zone`, the agency's time zone.
class CouponSerializer(FastPathSerializer):
    id = serializers.IntegerField()
    intervention = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    kilometres = serializers.DecimalField(
        max_digits=6, decimal_places=1, allow_null=True
    )
    comment = serializers.CharField()
    status = serializers.ChoiceField(choices=Coupon.Status.choices)
    reason = serializers.CharField(help_text="Why it was cancelled or rejected")

    def to_representation(self, coupon) -> dict:
        # An intervenant may have hundreds of coupons, all in one answer.
        zone = self.context["zone"]
        return {
            "id": coupon.pk,
            "intervention": coupon.intervention_id,
            "start": coupon.start.astimezone(zone).isoformat(),
            "end": coupon.end.astimezone(zone).isoformat(),
            "kilometres": None if coupon.kilometres is None else str(coupon.kilometres),
            "comment": coupon.comment,
            "status": coupon.status,
            "reason": coupon.reason,
        }


class CouponListSerializer(serializers.Serializer):
    results = CouponSerializer(many=True)


class CouponsMixin(PortalApiView):
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.require_sections(
            "coupons",
            kind="intervenant",
            message=_("Les coupons ne sont pas proposés sur ce portail."),
        )

    @property
    def zone(self):
        return ZoneInfo(self.portal.agency.time_zone)

    def written(self, coupon) -> dict:
        return CouponSerializer(coupon, context={"zone": self.zone}).data


# A change to a coupon: the coupon as it is then, or why it cannot change (423 once
# decided).
CHANGED = {200: CouponSerializer, **ERRORS(400, 401, 403, 404, 423)}


class CouponListApi(CouponsMixin):
    @extend_schema(
        operation_id="coupons_list",
        parameters=[
            OpenApiParameter("status", enum=Coupon.Status.values),
            OpenApiParameter("from", str),
            OpenApiParameter("to", str),
        ],
        responses={200: CouponListSerializer, **ERRORS(400, 401, 403, 404)},
    )
    def get(self, request, portal):
        filters = CouponFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        chosen = filters.validated_data
        coupons = coupons_for_intervenant(
            intervenant=request.user.person,
            status=chosen.get("status"),
            start=day_start(chosen["start"], self.zone) if "start" in chosen else None,
            end=day_end(chosen["to"], self.zone) if "to" in chosen else None,
        )
        listed = {"results": coupons[:500]}
        return Response(CouponListSerializer(listed, context={"zone": self.zone}).data)

    @extend_schema(
        operation_id="coupons_create",
        request=CouponInput,
        responses={201: CouponSerializer, **ERRORS(400, 401, 403, 404, 409)},
    )
    def post(self, request, portal):
        values = dict(self.read_input(CouponInput))
        coupon = services.coupon_submit(
            intervenant=request.user.person,
            intervention_id=values.pop("intervention"),
            values=values,
        )
        return Response(self.written(coupon), status=201)


class CouponApi(CouponsMixin):
    http_method_names = ["patch", "options"]

    @extend_schema(
        operation_id="coupons_update", request=CouponInput, responses=CHANGED
    )
    def patch(self, request, portal, pk):
        data = self.read_input(CouponInput, partial=True)
        values = {k: v for k, v in data.items() if k != "intervention"}
        coupon = services.coupon_change(
            intervenant=request.user.person, coupon_id=pk, values=values
        )
        return Response(self.written(coupon))


class CouponCancelApi(CouponsMixin):
    @extend_schema(
        operation_id="coupons_cancel", request=CancelInput, responses=CHANGED
    )
    def post(self, request, portal, pk):
        coupon = services.coupon_cancel(
            intervenant=request.user.person,
            coupon_id=pk,
            reason=self.read_input(CancelInput)["reason"],
        )
        return Response(self.written(coupon))
