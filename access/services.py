"""Writes for agencies, portals and accounts. Every write validates then saves
atomically.
"""

from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import AuthToken
from wagtail.models import Collection

from .errors import ApplicationError
from .models import Agency, Client, Intervenant, Portal, User

# Model permissions every agency's staff group holds; policies then scope them to the
# agency.
STAFF_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("access", "add_client"),
    ("access", "change_client"),
    ("access", "delete_client"),
    ("access", "view_client"),
    ("access", "add_intervenant"),
    ("access", "change_intervenant"),
    ("access", "delete_intervenant"),
    ("access", "view_intervenant"),
]


def _permissions(pairs):
    query = Permission.objects.none()
    for app_label, codename in pairs:
        query = query | Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    return list(query)


@transaction.atomic
def agency_create(
    *,
    name: str,
    slug: str,
    plan: str = Agency.Plan.ESSENTIEL,
    client_module: bool = False,
    intervenant_module: bool = False,
    sender_emails: tuple[str, ...] = (),
) -> Agency:
    """Create an agency with its two portals, its staff group and its collection."""
    agency = Agency(
        name=name,
        slug=slug,
        plan=plan,
        client_module=client_module,
        intervenant_module=intervenant_module,
    )
    agency.full_clean()
    agency.save()
    for email in sender_emails:
        sender = agency.sender_addresses.model(agency=agency, email=email)
        sender.full_clean()
        sender.save()
    return agency_provision(agency=agency)


@transaction.atomic
def agency_provision(*, agency: Agency) -> Agency:
    """Give an agency what it needs and does not have yet (idempotent)."""
    for kind, suffix in (
        (Portal.Kind.CLIENT, "clients"),
        (Portal.Kind.INTERVENANT, "intervenants"),
    ):
        if not agency.portals.filter(kind=kind).exists():
            portal = Portal(agency=agency, kind=kind, key=f"{agency.slug}-{suffix}")
            portal.full_clean()
            portal.save()
    if agency.staff_group is None:
        agency.staff_group = Group.objects.create(name=f"Agence {agency.slug}")
    agency.staff_group.permissions.add(*_permissions(STAFF_MODEL_PERMISSIONS))
    if agency.collection is None:
        agency.collection = Collection.get_first_root_node().add_child(
            name=f"Agence {agency.name}"
        )
    agency.save(update_fields=["staff_group", "collection"])
    return agency


@transaction.atomic
def portal_identity_update(*, portal: Portal, key: str, hostname: str | None) -> Portal:
    portal.key = key
    portal.hostname = (hostname or "").strip().lower() or None
    portal.full_clean()
    portal.save(update_fields=["key", "hostname"])
    return portal


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
        raise ApplicationError(
            "locked_out",
            _("Trop de tentatives de connexion. Réessayez plus tard."),
            status=429,
        )
    if account is None:
        raise ApplicationError(
            "invalid_credentials",
            _("Identifiant ou mot de passe incorrect."),
            status=401,
        )
    return account


def account_token_issue(*, account: User) -> tuple[AuthToken, str]:
    """A new per-device token; only its hash is stored."""
    return AuthToken.objects.create(user=account)


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
