"""One-time links sent by e-mail: an invitation (the person chooses their first
password) and a password reset.

A token is `<account id>.<issued at, base36>.<HMAC>`, the HMAC covering the account's
current password hash and portal, salted per purpose (an invitation token never resets
a password, nor the reverse). Setting a password (the link used), regenerating the
account's credentials or deleting the account therefore kills every link, with
nothing stored.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36


@dataclass(frozen=True)
class OneTimeLink:
    salt: str
    # The setting holding the front end's page, with {address} and {token}.
    url_setting: str

    def _signature(self, account, issued: int) -> str:
        value = f"{account.pk}.{issued}.{account.password}.{account.portal_id}"
        return salted_hmac(self.salt, value, algorithm="sha256").hexdigest()

    def token(self, account) -> str:
        issued = int(timezone.now().timestamp())
        signature = self._signature(account, issued)
        return f"{account.pk}.{int_to_base36(issued)}.{signature}"

    @staticmethod
    def account_id(token: str) -> int | None:
        head = token.split(".", 1)[0]
        return int(head) if head.isdigit() else None

    def is_valid(self, account, token: str) -> bool:
        try:
            account_id, issued_b36, signature = token.split(".")
            issued = base36_to_int(issued_b36)
        except ValueError:
            return False
        if account_id != str(account.pk) or not account.is_active:
            return False
        if not constant_time_compare(signature, self._signature(account, issued)):
            return False
        age = timezone.now().timestamp() - issued
        return 0 <= age <= settings.PORTAL_INVITATION_MAX_AGE.total_seconds()

    def url(self, account, token: str) -> str:
        return getattr(settings, self.url_setting).format(
            address=account.portal.address, token=token
        )

    def new_url(self, account) -> str:
        return self.url(account, self.token(account))


# The invitation's salt predates the second purpose: kept, so links already sent work.
INVITATION_LINK = OneTimeLink("access.invitations", "PORTAL_INVITATION_URL_TEMPLATE")
PASSWORD_RESET_LINK = OneTimeLink(
    "access.password_reset", "PORTAL_PASSWORD_RESET_URL_TEMPLATE"
)
