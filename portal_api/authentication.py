"""Token and session authentication, each bound to the portal that issued it.

The view resolves the portal before authentication runs (see `PortalApiView`), so
every request re-checks that the credentials belong to this very portal.
"""

import binascii
from hmac import compare_digest

from django.utils import timezone
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS, knox_settings
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


def _tokens(token_key: str) -> list:
    # The token with its account, the account's portal, agency and person, in one
    # query: a token request needs no separate look-up of its portal.
    return list(
        get_token_model()
        .objects.filter(token_key=token_key)
        .select_related("user__portal__agency", "user__client", "user__intervenant")
    )


_PREFETCHED = "_portal_token_candidates"


def _token_in(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(header) == 2 and header[0] == knox_settings.AUTH_HEADER_PREFIX:
        return header[1]
    return None


def token_portal(request):
    """The portal the request's token belongs to, with the token's candidates kept
    for the authentication that follows; None without a token. Nothing here is
    trusted yet: PortalTokenAuthentication still checks the token itself."""
    token = _token_in(request)
    if token is None:
        return None
    candidates = _tokens(token[: CONSTANTS.TOKEN_KEY_LENGTH])
    setattr(request, _PREFETCHED, (token, candidates))
    portals = {c.user.portal_id: c.user.portal for c in candidates}
    return next(iter(portals.values())) if len(portals) == 1 else None


class PortalTokenAuthentication(TokenAuthentication):
    """knox's token check, on the query PortalApiView ran for the portal (or one of
    its own), which also brings the account's person; without knox's scan of the
    user's other tokens on every request (expired tokens are refused all the same,
    and deleted when used)."""

    def authenticate_credentials(self, token):
        token = token.decode("utf-8")
        prefetched = getattr(self, "prefetched", None)
        if prefetched is not None and prefetched[0] == token:
            candidates = prefetched[1]
        else:
            candidates = _tokens(token[: CONSTANTS.TOKEN_KEY_LENGTH])
        for auth_token in candidates:
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error) as error:
                raise AuthenticationFailed() from error
            if compare_digest(digest, auth_token.digest):
                if auth_token.expiry is not None and auth_token.expiry < timezone.now():
                    auth_token.delete()
                    break
                return self.validate_user(auth_token)
        raise AuthenticationFailed()

    def authenticate(self, request):
        self.prefetched = getattr(request, _PREFETCHED, None)
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
