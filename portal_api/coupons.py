"""An intervenant's coupons (API.md: Coupons)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from planning import coupons as services
from planning.models import Coupon

from .base import PortalApiView
from .schema import ERRORS


class CouponInput(serializers.Serializer):
    intervention = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    kilometres = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=0, required=False, allow_null=True
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CouponFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=Coupon.Status.choices, required=False)
    start = serializers.DateField(required=False)  # the "from" parameter
    to = serializers.DateField(required=False)

    def to_internal_value(self, data):
        given = {
            "status": data.get("status"),
            "start": data.get("from"),
            "to": data.get("to"),
        }
        return super().to_internal_value({k: v for k, v in given.items() if v})


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


def as_json(coupon, zone) -> dict:
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


class CouponsMixin(PortalApiView):
    def intervenant(self):
        self.require_sections(
            "coupons",
            kind="intervenant",
            message=_("Les coupons ne sont pas proposés sur ce portail."),
        )
        return self.request.user.person

    @property
    def zone(self):
        return ZoneInfo(self.portal.agency.time_zone)


class CouponListApi(CouponsMixin):
    @extend_schema(
        operation_id="coupons_list",
        parameters=[
            OpenApiParameter("status", enum=Coupon.Status.values),
            OpenApiParameter("from", str),
            OpenApiParameter("to", str),
        ],
        responses={200: dict, **ERRORS(400, 401, 403, 404)},
    )
    def get(self, request, portal):
        intervenant = self.intervenant()
        filters = CouponFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        coupons = services.coupons_for_intervenant(intervenant=intervenant)
        if "status" in filters.validated_data:
            coupons = coupons.filter(status=filters.validated_data["status"])
        if "start" in filters.validated_data:
            start = datetime.combine(
                filters.validated_data["start"], time.min, self.zone
            )
            coupons = coupons.filter(start__gte=start)
        if "to" in filters.validated_data:
            end = datetime.combine(
                filters.validated_data["to"] + timedelta(days=1), time.min, self.zone
            )
            coupons = coupons.filter(start__lt=end)
        return Response({"results": [as_json(c, self.zone) for c in coupons[:500]]})

    @extend_schema(
        operation_id="coupons_create",
        request=CouponInput,
        responses={201: dict, **ERRORS(400, 401, 403, 404, 409)},
    )
    def post(self, request, portal):
        intervenant = self.intervenant()
        data = CouponInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        coupon = services.coupon_submit(
            intervenant=intervenant,
            intervention_id=values.pop("intervention"),
            values=values,
        )
        return Response(as_json(coupon, self.zone), status=201)


class CouponApi(CouponsMixin):
    http_method_names = ["patch", "options"]

    @extend_schema(
        operation_id="coupons_update",
        request=CouponInput,
        responses={200: dict, **ERRORS(400, 401, 403, 404)},
    )
    def patch(self, request, portal, pk):
        intervenant = self.intervenant()
        data = CouponInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "intervention"}
        coupon = services.coupon_change(
            intervenant=intervenant, coupon_id=pk, values=values
        )
        return Response(as_json(coupon, self.zone))


class CouponCancelApi(CouponsMixin):
    @extend_schema(
        operation_id="coupons_cancel",
        request=CancelInput,
        responses={200: dict, **ERRORS(400, 401, 403, 404)},
    )
    def post(self, request, portal, pk):
        intervenant = self.intervenant()
        data = CancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        coupon = services.coupon_cancel(
            intervenant=intervenant, coupon_id=pk, reason=data.validated_data["reason"]
        )
        return Response(as_json(coupon, self.zone))
