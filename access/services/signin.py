"""Signing in to a portal."""

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from knox.models import AuthToken

from ..backends import axes_identifier
from ..errors import ApplicationError
from ..models import Portal, User


def portal_account_authenticate(
    *, request, portal: Portal, identifier: str, password: str
) -> User:
    """The account these credentials open on this portal, or a refusal that never says
    why.

    The underlying request must be the Django request: django-axes records the
    failure on it and flags a lock-out there.
    """
    account = authenticate(
        request, username=identifier, password=password, portal=portal
    )
    if getattr(request, "axes_locked_out", False):
        # The cool-off counts from the last failure, so the full wait is the truth.
        seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
        minutes = max(1, round(seconds / 60))
        raise ApplicationError(
            "locked_out",
            ngettext(
                "Trop de tentatives de connexion. Réessayez dans %(minutes)d minute.",
                "Trop de tentatives de connexion. Réessayez dans %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            status=429,
            retry_after=seconds,
        )
    if account is None:
        raise ApplicationError(
            "invalid_credentials",
            _("Identifiant ou mot de passe incorrect."),
            status=401,
        )
    # Axes resets on sign-in by the bare username; our counter is per portal.
    reset(username=axes_identifier(request, {"username": identifier, "portal": portal}))
    return account


def account_token_issue(*, account: User) -> tuple[AuthToken, str]:
    """A new per-device token; only its hash is stored."""
    return AuthToken.objects.create(user=account)
