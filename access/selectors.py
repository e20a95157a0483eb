"""Reads for agencies, their portals and people, each scoped at its entry point."""

from .models import Agency, Portal
from .staff_scope import staff_rows_by_agency


def portal_by_hostname(*, hostname: str) -> Portal | None:
    """The portal served at its own host name (lowercase, without a port), if any.
    By key: home_pages.selectors.portal_by_key."""
    return Portal.objects.filter(hostname=hostname).first()


def people_model(kind: str):
    from .models import Client, Intervenant

    return {"client": Client, "intervenant": Intervenant}[kind]


def people_without_account(*, agency: Agency, kind: str):
    """The agency's people of one portal without an account, for batch generation."""
    return people_model(kind).objects.for_agency(agency).filter(accounts__isnull=True)


def accounts_for_staff(*, user):
    """Portal accounts of the user's agencies."""
    from .models import User

    return (
        staff_rows_by_agency(User, user, "portal__agency")
        .filter(portal__isnull=False)
        .select_related("portal__agency", "client", "intervenant")
    )


def batches_for_staff(*, user):
    from .models import AccountBatch

    return staff_rows_by_agency(AccountBatch, user).select_related("agency", "sender")


def account_contact_facts(*, account) -> dict:
    """What a signature's evidence keeps of the account's contact (the address the
    code goes to; access.services.contact says who controls it), as JSON values."""
    changes = account.contact_changes.order_by("changed_at", "pk")
    return {
        "email": account.email,
        "confirmed_at": (
            account.email_confirmed_at.isoformat()
            if account.email_confirmed_at
            else None
        ),
        "account_created_via": account.created_via,
        "changes": [
            {
                "old": change.old_email,
                "new": change.new_email,
                "at": change.changed_at.isoformat(),
                "by": (
                    {"id": change.changed_by_id, "name": change.changed_by_name}
                    if change.changed_by_name
                    else None
                ),
            }
            for change in changes
        ],
    }
