"""Forgotten passwords: a one-time link e-mailed to the account's own address.

The request answers the same whatever the identifier: the look-up and the e-mail run
in the task worker, so neither the answer nor its timing tells whether an account
exists.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from ..emails import password_reset_message
from ..errors import ApplicationError
from ..links import PASSWORD_RESET_LINK
from ..models import Portal, User, fold_identifier


def password_reset_request(*, portal: Portal, identifier: str, address: str) -> None:
    """Queue a reset link for this identifier. `address` is the requester's IP: each
    may ask PORTAL_PASSWORD_RESET_PER_ADDRESS times an hour (429 beyond), so that a
    script cannot walk through identifiers."""
    from ..tasks import send_password_reset  # tasks import the services

    if not _within_hourly_limit(
        f"password-reset-ip:{address}", settings.PORTAL_PASSWORD_RESET_PER_ADDRESS
    ):
        raise ApplicationError(
            "too_many_requests",
            _("Trop de demandes. Réessayez dans une heure."),
            status=429,
            retry_after=3600,
        )
    transaction.on_commit(
        lambda: send_password_reset.enqueue(portal.pk, identifier.strip())
    )


def password_reset_send(*, portal_id: int, identifier: str) -> bool:
    """E-mail a reset link if the identifier names an active account of this portal
    with an address; at most PORTAL_PASSWORD_RESET_PER_HOUR links an hour per
    account, so that nobody can flood a person's mailbox. Whether one was sent."""
    account = (
        User.objects.filter(
            portal_id=portal_id,
            identifier_key=fold_identifier(identifier),
            is_active=True,
        )
        .exclude(email="")
        .select_related("portal__agency", "client", "intervenant")
        .first()
    )
    if account is None or not _within_hourly_limit(
        f"password-reset:{account.pk}", settings.PORTAL_PASSWORD_RESET_PER_HOUR
    ):
        return False
    password_reset_message(
        account=account, link=PASSWORD_RESET_LINK.new_url(account)
    ).send()
    return True


def _within_hourly_limit(key: str, limit: int) -> bool:
    """Count one more under `key` (in Django's cache, shared by every process when it
    is Redis) and say whether the hour's count stays within `limit`."""
    cache.add(key, 0, timeout=3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        sent = 1
    return sent <= limit
