"""Portal accounts: creation and credentials."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import AuthToken

from ..models import Client, Intervenant, Portal, User


def identifier_is_available(identifier: str, *, exclude_pk=None) -> bool:
    query = User.objects.filter(username__iexact=identifier.strip())
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    return not query.exists()


@transaction.atomic
def portal_account_create(
    *, person: Client | Intervenant, identifier: str, password: str
) -> User:
    """Create a portal account for a person with a password chosen by staff."""
    identifier = identifier.strip()
    if not identifier_is_available(identifier):
        raise ValidationError({"username": _("Identifiant indisponible")})
    portal = Portal.objects.get(agency_id=person.agency_id, kind=person.portal_kind)
    account = User(
        username=identifier,
        email=person.email,
        portal=portal,
        first_name=person.first_name,
        last_name=person.last_name,
    )
    setattr(account, person.portal_kind, person)
    password_validation.validate_password(password, account)
    account.set_password(password)
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def account_password_change(
    *, account: User, current_password: str, new_password: str, keep_token=None
) -> User:
    """Change a password and revoke every other token of the account.

    Other sessions die with the change: Django binds each session to the password hash.
    """
    if not account.check_password(current_password):
        raise ValidationError({"current_password": _("Mot de passe actuel incorrect.")})
    try:
        password_validation.validate_password(new_password, account)
    except ValidationError as error:
        raise ValidationError({"new_password": error.messages}) from error
    account.set_password(new_password)
    account.save(update_fields=["password"])
    other_tokens = AuthToken.objects.filter(user=account)
    if keep_token is not None:
        other_tokens = other_tokens.exclude(pk=keep_token.pk)
    other_tokens.delete()
    return account
