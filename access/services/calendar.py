"""The secret that authenticates an account's calendar feed (planning.ics): only
its digest is stored; renewing replaces it, regenerating the credentials clears it."""

import hashlib
import secrets

from ..models import User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token_renew(*, account: User) -> str:
    token = secrets.token_urlsafe(32)
    account.calendar_token_digest = _digest(token)
    account.save(update_fields=["calendar_token_digest"])
    return token


def calendar_token_revoke(*, account: User) -> None:
    account.calendar_token_digest = None
    account.save(update_fields=["calendar_token_digest"])


def account_for_calendar_token(*, portal, token: str) -> User | None:
    if not token:
        return None
    return (
        User.objects.filter(
            calendar_token_digest=_digest(token), portal=portal, is_active=True
        )
        .select_related("client", "intervenant")
        .first()
    )
