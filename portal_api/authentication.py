"""Token and session authentication, each bound to the portal that issued it.

The view resolves the portal before authentication runs (see `PortalApiView`), so
every request re-checks that the credentials belong to this very portal.
"""

from knox.auth import TokenAuthentication
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed

SESSION_PORTAL_KEY = "portal_id"


def _bound_to_portal(request, user) -> bool:
    portal = getattr(request, "portal", None)
    return (
        portal is not None
        and user.is_active
        and user.portal_id is not None
        and user.portal_id == portal.pk
    )


class PortalTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and not _bound_to_portal(request, result[0]):
            raise AuthenticationFailed()
        return result


class PortalSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        session_portal = request._request.session.get(SESSION_PORTAL_KEY)
        if (
            not _bound_to_portal(request, result[0])
            or session_portal != request.portal.pk
        ):
            # A session of another portal (or a staff session) is no identity here.
            return None
        return result
