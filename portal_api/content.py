"""What a portal shows: configuration, home page, the person, the menu (API.md)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from access.errors import ApplicationError
from access.services import profile_update
from home_pages.links import fill_link_url, person_values
from home_pages.menu import enabled_sections
from home_pages.models import PortalPage
from home_pages.rendering import home_html, logo_urls

from .base import PortalApiView
from .schema import ERRORS
from .serializers import PersonSerializer

CONFIG_OUTPUT = inline_serializer(
    "PortalConfig",
    {
        "key": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=["client", "intervenant"]),
        "name": serializers.CharField(),
        "agency": inline_serializer("PortalAgency", {"name": serializers.CharField()}),
        "logo": inline_serializer(
            "PortalLogo",
            {
                "small": serializers.URLField(),
                "large": serializers.URLField(),
            },
            allow_null=True,
        ),
        "planning": inline_serializer(
            "PortalPlanningConfig",
            {
                "default_view": serializers.ChoiceField(
                    choices=["day", "week", "month", "list"]
                ),
            },
        ),
    },
)
HOME_OUTPUT = inline_serializer(
    "PortalHome",
    {
        "mode": serializers.ChoiceField(choices=["url", "html", "message"]),
        "title": serializers.CharField(),
        "url": serializers.URLField(required=False),
        "html": serializers.CharField(required=False),
        "message": serializers.CharField(required=False),
    },
)
ME_OUTPUT = inline_serializer(
    "PortalMe",
    {
        "account": inline_serializer(
            "PortalMeAccount", {"identifier": serializers.CharField()}
        ),
        "person": PersonSerializer(),
    },
)
MENU_OUTPUT = inline_serializer(
    "PortalMenu",
    {
        "sections": serializers.ListField(
            child=inline_serializer(
                "MenuSection",
                {
                    "key": serializers.CharField(),
                    "label": serializers.CharField(),
                    "children": serializers.ListField(child=serializers.DictField()),
                    "default_view": serializers.CharField(required=False),
                    "actions": serializers.DictField(
                        child=serializers.ListField(child=serializers.CharField()),
                        required=False,
                    ),
                },
            )
        ),
        "links": serializers.ListField(
            child=inline_serializer(
                "MenuLink",
                {
                    "name": serializers.CharField(),
                    "url": serializers.URLField(),
                },
            )
        ),
    },
)


class PublicPortalApiView(PortalApiView):
    # Open on purpose: what a front end shows before anyone signs in (name, logo, home).
    authentication_classes = []
    permission_classes = [AllowAny]


class ConfigApi(PublicPortalApiView):
    @extend_schema(
        operation_id="portal_config", responses={200: CONFIG_OUTPUT, **ERRORS(403, 404)}
    )
    def get(self, request, portal):
        page = self.page
        return Response(
            {
                "key": self.portal.key,
                "kind": self.portal.kind,
                "name": page.title,
                "agency": {"name": self.portal.agency.name},
                "logo": logo_urls(page, request.build_absolute_uri),
                "planning": {"default_view": page.planning_default_view},
            }
        )


class HomeApi(PublicPortalApiView):
    @extend_schema(
        operation_id="portal_home", responses={200: HOME_OUTPUT, **ERRORS(403, 404)}
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
        return Response(body)


class ProfileInput(serializers.Serializer):
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    city = serializers.CharField(max_length=150, required=False, allow_blank=True)


class MeApi(PortalApiView):
    @extend_schema(
        operation_id="portal_me", responses={200: ME_OUTPUT, **ERRORS(401, 403, 404)}
    )
    def get(self, request, portal):
        account = request.user
        return Response(
            {
                "account": {"identifier": account.username},
                "person": PersonSerializer(account.person).data,
            }
        )

    @extend_schema(
        operation_id="portal_me_update",
        request=ProfileInput,
        responses={200: ME_OUTPUT, **ERRORS(400, 401, 403, 404)},
        summary="An intervenant changes their phone, address or contact e-mail",
    )
    def patch(self, request, portal):
        # Families see their profile read-only; care workers may keep theirs up to
        # date when the portal shows the profile section.
        if (
            self.portal.kind != "intervenant"
            or "profile" not in self.page.menu_sections
        ):
            raise ApplicationError(
                "section_disabled"
                if self.portal.kind == "intervenant"
                else "action_not_allowed",
                _("Votre profil ne peut pas être modifié depuis ce portail."),
                status=403,
            )
        data = ProfileInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile_update(account=request.user, values=data.validated_data)
        return self.get(request, portal)


class MenuApi(PortalApiView):
    @extend_schema(
        operation_id="portal_menu",
        responses={200: MENU_OUTPUT, **ERRORS(401, 403, 404)},
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
            sections.append(item)
        values = person_values(request.user.person, self.portal.agency)
        links = [
            {"name": name, "url": fill_link_url(url, values)}
            for name, url in page.links
        ]
        return Response({"sections": sections, "links": links})
