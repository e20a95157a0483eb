"""The contact of a portal account: the e-mail address that signature codes go to.

Who controls it: `User.email` is the account's own address, apart from the person's
record (`Client.email`), which staff edit freely. It is set from the record when
the account is created; the person proves they control it by choosing their
password through an invitation link e-mailed to it (`User.email_confirmed_at`).
Every later change, whoever makes it and however (credentials regenerated after
the record changed, the users admin, a shell), is written down as an
AccountContactChange, clears the confirmation, kills an invitation link still
pending, and is announced to the old address. A signature's evidence carries the
account's contact, its confirmation, how its credentials were issued and these
changes (billing.signatures), so that staff cannot sign in a client's name unseen.
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ..emails import agency_from_email
from ..formatting import mask_email
from ..models import AccountContactChange, User

logger = logging.getLogger(__name__)


def account_email_change(*, account: User, email: str, changed_by=None) -> User:
    """Give the account a new contact address; `changed_by` is who asked for it."""
    if email == account.email:
        return account
    account.email = email
    account.contact_changed_by = changed_by
    account.save(update_fields=["email"])
    return account


def account_contact_record(*, account: User, old_email: str, changed_by=None):
    """Write down a change of the account's address that has just been saved, and
    tell the old address once the transaction commits (User.save calls this)."""
    by = changed_by if getattr(changed_by, "pk", None) else None
    change = AccountContactChange.objects.create(
        account=account,
        old_email=old_email,
        new_email=account.email,
        changed_by=by,
        changed_by_name=(by.get_full_name() or by.get_username()) if by else "",
    )
    if old_email:
        transaction.on_commit(lambda: _notify_old_address(change))
    return change


def _notify_old_address(change: AccountContactChange) -> None:
    account = change.account
    agency = account.portal.agency
    with translation.override("fr"):
        message = EmailMessage(
            subject=_("L'adresse e-mail de votre compte a été modifiée"),
            body=_(
                "Bonjour %(first_name)s,\n\nL'adresse e-mail de votre compte du "
                "portail %(agency)s a été remplacée par %(new)s. C'est à cette "
                "adresse que sont désormais envoyés vos codes de signature "
                "électronique.\n\nSi vous n'êtes pas à l'origine de ce changement, "
                "contactez l'agence sans attendre.\n\n%(agency)s"
            )
            % {
                "first_name": account.first_name,
                "agency": agency.name,
                "new": mask_email(change.new_email) if change.new_email else "—",
            },
            from_email=agency_from_email(agency),
            to=[change.old_email],
        )
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 — the change stands; the failure is logged
        logger.warning(
            "Contact change notice for account %s failed: %s", account.pk, error
        )
