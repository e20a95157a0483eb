"""One-time invitation links: the person chooses their own password.

A token is `<account id>.<issued at, base36>.<HMAC>`, the HMAC covering the account's
current password hash. Setting a password (the invitation used), regenerating the
account's credentials or deleting the account therefore kills the link, with nothing
stored.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

SALT = "access.invitations"


def _signature(account, issued: int) -> str:
    value = f"{account.pk}.{issued}.{account.password}.{account.portal_id}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()


def invitation_token(account) -> str:
    issued = int(timezone.now().timestamp())
    return f"{account.pk}.{int_to_base36(issued)}.{_signature(account, issued)}"


def invitation_account_id(token: str) -> int | None:
    head = token.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def invitation_token_is_valid(account, token: str) -> bool:
    try:
        account_id, issued_b36, signature = token.split(".")
        issued = base36_to_int(issued_b36)
    except ValueError:
        return False
    if account_id != str(account.pk) or not account.is_active:
        return False
    if not constant_time_compare(signature, _signature(account, issued)):
        return False
    age = timezone.now().timestamp() - issued
    return 0 <= age <= settings.PORTAL_INVITATION_MAX_AGE.total_seconds()


def invitation_url(account, token: str) -> str:
    return settings.PORTAL_INVITATION_URL_TEMPLATE.format(
        address=account.portal.address, token=token
    )
