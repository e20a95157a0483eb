"""Writes of the access app, by concern; import them from here."""

from .accounts import (
    account_password_change,
    identifier_is_available,
    portal_account_create,
)
from .agencies import agency_create, agency_provision, portal_identity_update
from .signin import account_token_issue, portal_account_authenticate

__all__ = [
    "account_password_change",
    "account_token_issue",
    "agency_create",
    "agency_provision",
    "identifier_is_available",
    "portal_account_authenticate",
    "portal_account_create",
    "portal_identity_update",
]
