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
from knox.settings import CONSTANTS
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed

from cms.statements import Statement

SESSION_PORTAL_KEY = "portal_id"


def _bound_to_portal(request, user) -> bool:
    portal = getattr(request, "portal", None)
    return (
        portal is not None
        and user.is_active
        and user.portal_id is not None
        and user.portal_id == portal.pk
    )


def _tokens_with_person(*people):
    return Statement(
        lambda key: (
            get_token_model()
            .objects.filter(token_key=key)
            .select_related(*(f"user__{person}" for person in people))
        ),
        str,
    )


# A portal's accounts all have the same kind of person: one join, not two.
_TOKENS = {
    "client": _tokens_with_person("client"),
    "intervenant": _tokens_with_person("intervenant"),
    "any": _tokens_with_person("client", "intervenant"),
}


class PortalTokenAuthentication(TokenAuthentication):
    """knox's token check, in one query that also brings the account's person, and
    without knox's scan of the user's other tokens on every request (expired tokens
    are refused all the same; `manage.py clearexpiredtokens`-style clean-up is
    left to knox's own expiry on use)."""

    def authenticate_credentials(self, token):
        token = token.decode("utf-8")
        kind = getattr(self, "portal_kind", None) or "any"
        candidates = _TOKENS[kind].instances(token[: CONSTANTS.TOKEN_KEY_LENGTH])
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
        portal = getattr(request, "portal", None)
        self.portal_kind = portal.kind if portal is not None else None
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
