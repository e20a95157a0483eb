"""The secret calendar address of a person's planning (iCalendar), and its renewal."""

from datetime import timedelta

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from access.services import account_for_calendar_token, calendar_token_renew
from api_base.schema import ERRORS
from planning.ical import planning_calendar
from planning.kinds import NAMES as KINDS
from planning.selectors import planning_for_person

from .base import PublicPortalApiView
from .planning import PlanningApi

FEED_PAST, FEED_AHEAD = timedelta(days=31), timedelta(days=92)


class CalendarFeedApi(PublicPortalApiView):
    # Calendar apps cannot send headers: the secret in the URL is the credential.

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


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Secret: whoever has it reads the planning")


class CalendarFeedRenewApi(PlanningApi):
    http_method_names = ["post", "options"]

    @extend_schema(
        operation_id="planning_ics_renew",
        request=None,
        responses={
            200: CalendarFeedSerializer,
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
        return Response(CalendarFeedSerializer({"url": f"{url}?token={token}"}).data)
