"""Writes of the access app, by concern; import them from here."""

from .accounts import (
    INVITATION,
    PASSWORD,
    Credentials,
    account_password_change,
    identifier_is_available,
    password_generate,
    portal_account_accept_invitation,
    portal_account_create,
    portal_account_delete,
    portal_account_generate,
    portal_account_regenerate,
    portal_account_reset_password,
)
from .agencies import agency_create, agency_provision, portal_identity_update
from .batches import account_batch_create, account_batch_run
from .calendar import (
    account_for_calendar_token,
    calendar_token_renew,
    calendar_token_revoke,
)
from .contact import account_email_change
from .groups import person_group_ensure, person_group_join
from .password_reset import password_reset_request, password_reset_send
from .profile import profile_update
from .signin import account_token_issue, portal_account_authenticate

__all__ = [
    "INVITATION",
    "PASSWORD",
    "Credentials",
    "account_batch_create",
    "account_for_calendar_token",
    "calendar_token_renew",
    "calendar_token_revoke",
    "account_batch_run",
    "account_email_change",
    "account_password_change",
    "account_token_issue",
    "agency_create",
    "agency_provision",
    "identifier_is_available",
    "password_generate",
    "password_reset_request",
    "password_reset_send",
    "person_group_ensure",
    "person_group_join",
    "portal_account_accept_invitation",
    "portal_account_delete",
    "portal_account_generate",
    "portal_account_regenerate",
    "portal_account_reset_password",
    "portal_account_authenticate",
    "portal_account_create",
    "portal_identity_update",
    "profile_update",
]
