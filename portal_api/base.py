"""What every portal endpoint shares: finding the portal from its key before
authentication, refusing portals whose module is off, and the account's person."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from access.errors import ApplicationError
from home_pages.selectors import portal_by_key, portal_config

from .authentication import PortalTokenAuthentication


# An endpoint under /api/v1/portals/{portal}/. `self.portal`: the portal's row with
# its agency's, read for this request; `self.page`: its published configuration
# (home_pages.selectors.PortalConfig), immutable and shared. (A comment, not a
# docstring: drf-spectacular would make it the description of every endpoint
# without one of its own.)
class PortalApiView(APIView):
    def initial(self, request, *args, **kwargs):
        # One order: the portal named in the address (404, then 403), then the
        # credentials against it (DRF's authentication, in super().initial()).
        portal = self.read_portal(request, kwargs.get("portal", ""))
        config = portal_config(portal=portal) if portal is not None else None
        if config is None:
            raise Http404
        self.page = config
        self.portal = request.portal = portal
        if not portal.is_enabled:
            raise ApplicationError(
                "module_disabled",
                _("Ce portail n'est pas activé pour cette agence."),
                status=403,
            )
        super().initial(request, *args, **kwargs)

    def read_portal(self, request, key):
        # A token request reads its portal with its token's rows on it, in one
        # query that the token authenticator then checks; others read the portal.
        for authenticator in request.authenticators:
            if isinstance(authenticator, PortalTokenAuthentication):
                return authenticator.portal(request, key)
        return portal_by_key(key=key)

    def require_sections(self, *sections: str, message, kind: str | None = None):
        """Refuse with 403 section_disabled unless this portal (of `kind`, when
        given) shows every one of these menu sections."""
        if (kind is not None and self.portal.kind != kind) or not set(sections) <= set(
            self.page.menu_sections
        ):
            raise ApplicationError("section_disabled", message, status=403)

    def read_input(self, serializer_class, **options) -> dict:
        """The request's body, checked by `serializer_class` (400 if invalid)."""
        data = serializer_class(data=self.request.data, **options)
        data.is_valid(raise_exception=True)
        return data.validated_data


# An endpoint open to anyone: no authentication runs, no permission applies; each one
# says why it may be open. (A comment, not a docstring: drf-spectacular would make it
# the description of every open endpoint.)
class PublicPortalApiView(PortalApiView):
    authentication_classes = []
    permission_classes = [AllowAny]
