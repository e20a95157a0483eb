"""What a portal shows: configuration, home page, the person, the menu (API.md)."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from access.policies import require_profile_change
from access.services import profile_update
from api_base.schema import ERRORS
from home_pages.links import fill_link_url, person_values
from home_pages.menu import enabled_sections
from home_pages.models import PLANNING_ACTIONS, PortalPage
from home_pages.rendering import home_html, logo_urls
from messaging.selectors import unread_count_for_account

from .base import PortalApiView, PublicPortalApiView
from .serializers import PersonSerializer


class PortalAgencySerializer(serializers.Serializer):
    name = serializers.CharField()
    time_zone = serializers.CharField(
        help_text="IANA name; show every date and time in it, not the device's"
    )


class PortalLogoSerializer(serializers.Serializer):
    small = serializers.URLField()
    large = serializers.URLField()


class PortalPlanningConfigSerializer(serializers.Serializer):
    default_view = serializers.ChoiceField(choices=PortalPage.PlanningView.choices)


class PortalLimitsSerializer(serializers.Serializer):
    upload_size = serializers.IntegerField(
        help_text="Largest file accepted (documents, message attachments), bytes"
    )
    message_length = serializers.IntegerField(help_text="Longest message, characters")


class PortalConfigSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["client", "intervenant"])
    name = serializers.CharField()
    address = serializers.URLField(help_text="The portal's web address")
    agency = PortalAgencySerializer()
    logo = PortalLogoSerializer(allow_null=True)
    planning = PortalPlanningConfigSerializer()
    limits = PortalLimitsSerializer()


class PortalHomeSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=PortalPage.HomeMode.choices)
    title = serializers.CharField()
    url = serializers.URLField(required=False, help_text="With mode `url`")
    html = serializers.CharField(required=False, help_text="With mode `html`")
    message = serializers.CharField(required=False, help_text="With mode `message`")


class PortalMeAccountSerializer(serializers.Serializer):
    identifier = serializers.CharField(source="username")


class PortalMeSerializer(serializers.Serializer):
    account = PortalMeAccountSerializer(source="*")
    person = PersonSerializer()


class MenuChildSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class PlanningActionsField(serializers.ListField):
    # One component of the schema for the three lists below (schema.py): one enum
    # in three properties would otherwise get three names.
    child = serializers.ChoiceField(choices=PLANNING_ACTIONS)


class MenuPlanningActionsSerializer(serializers.Serializer):
    interventions = PlanningActionsField()
    availabilities = PlanningActionsField()
    absences = PlanningActionsField()


class MenuSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    children = MenuChildSerializer(many=True)
    default_view = serializers.ChoiceField(
        choices=PortalPage.PlanningView.choices,
        required=False,
        help_text="On the `planning` section",
    )
    actions = MenuPlanningActionsSerializer(
        required=False,
        help_text="On the `planning` section: what the portal lets the person do "
        "with each kind of item",
    )
    unread = serializers.IntegerField(
        required=False,
        help_text="On the `messages` section: the agency's messages the person "
        "has not read",
    )


class MenuLinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField(help_text="The person's values filled in")


class PortalMenuSerializer(serializers.Serializer):
    sections = MenuSectionSerializer(many=True)
    links = MenuLinkSerializer(many=True)


class ConfigApi(PublicPortalApiView):
    # Open on purpose: what a front end shows before anyone signs in (name, logo, home).
    @extend_schema(
        operation_id="portal_config",
        responses={200: PortalConfigSerializer, **ERRORS(403, 404)},
    )
    def get(self, request, portal):
        page = self.page
        config = {
            "key": self.portal.key,
            "kind": self.portal.kind,
            "name": page.title,
            "address": self.portal.address,
            "agency": self.portal.agency,
            "logo": logo_urls(page, request.build_absolute_uri),
            "planning": {"default_view": page.planning_default_view},
            "limits": {
                "upload_size": settings.PORTAL_DOCUMENT_MAX_SIZE,
                "message_length": settings.MESSAGING_BODY_MAX_LENGTH,
            },
        }
        return Response(PortalConfigSerializer(config).data)


class HomeApi(PublicPortalApiView):
    # Open on purpose, as ConfigApi.
    @extend_schema(
        operation_id="portal_home",
        responses={200: PortalHomeSerializer, **ERRORS(403, 404)},
    )
    def get(self, request, portal):
        page = self.page
        body = {"mode": page.home_mode, "title": page.title}
        if page.home_mode == PortalPage.HomeMode.URL:
            body["url"] = page.home_url
        elif page.home_mode == PortalPage.HomeMode.HTML:
            body["html"] = home_html(
                page, request.build_absolute_uri, agency=self.portal.agency
            )
        else:
            body["message"] = page.home_message
        return Response(PortalHomeSerializer(body).data)


class ProfileInput(serializers.Serializer):
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    city = serializers.CharField(max_length=150, required=False, allow_blank=True)


class MeApi(PortalApiView):
    @extend_schema(
        operation_id="portal_me",
        responses={200: PortalMeSerializer, **ERRORS(401, 403, 404)},
    )
    def get(self, request, portal):
        return Response(PortalMeSerializer(request.user).data)

    @extend_schema(
        operation_id="portal_me_update",
        request=ProfileInput,
        responses={200: PortalMeSerializer, **ERRORS(400, 401, 403, 404)},
        summary="An intervenant changes their phone, address or contact e-mail",
    )
    def patch(self, request, portal):
        # Who may change a profile first (a family never may, whatever it sends or
        # the portal shows), then whether this portal shows the section.
        require_profile_change(request.user.person)
        self.require_sections(
            "profile",
            message=_("Votre profil ne peut pas être modifié depuis ce portail."),
        )
        data = ProfileInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile_update(account=request.user, values=data.validated_data)
        return self.get(request, portal)


class MenuApi(PortalApiView):
    @extend_schema(
        operation_id="portal_menu",
        responses={200: PortalMenuSerializer, **ERRORS(401, 403, 404)},
    )
    def get(self, request, portal):
        page = self.page
        sections = []
        for section in enabled_sections(self.portal.kind, set(page.menu_sections)):
            item = {
                "key": section.key,
                "label": str(section.label),
                "children": [
                    {"key": c.key, "label": str(c.label)} for c in section.children
                ],
            }
            if section.key == "planning":
                item["default_view"] = page.planning_default_view
                item["actions"] = page.planning_actions()
            elif section.key == "messages":
                item["unread"] = unread_count_for_account(account=request.user)
            sections.append(item)
        values = person_values(request.user.person, self.portal.agency)
        links = [
            {"name": name, "url": fill_link_url(url, values)}
            for name, url in page.links
        ]
        menu = {"sections": sections, "links": links}
        return Response(PortalMenuSerializer(menu).data)
