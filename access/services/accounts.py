"""Portal accounts: generation, regeneration, deletion, invitations and passwords.

Admin views, the batch task and `manage.py portal_accounts` all go through here.
Each generation or regeneration records how the credentials reached their holder
(`User.created_via`): a password staff typed or saw, or an invitation link handed to
them, lets staff sign in as the person, and a signature's evidence shows it. Only an
invitation link that went by e-mail alone confirms the account's address when the
person uses it (`User.email_confirmed_at`; access.services.contact).
"""

import logging
import secrets
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from access.events import domain_event_send

from ..emails import credentials_message
from ..errors import ApplicationError
from ..links import INVITATION_LINK, PASSWORD_RESET_LINK, OneTimeLink
from ..models import (
    Client,
    Intervenant,
    Portal,
    SenderAddress,
    User,
    fold_identifier,
)
from .contact import account_email_change
from .groups import person_group_join

logger = logging.getLogger(__name__)

# No 0/O/o, 1/l/I: read aloud or copied by hand without mistakes.
PASSWORD_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ-+=*"
PASSWORD_LENGTH = 14  # log2(59) * 14 = 82 bits of entropy, over the 72 required.
PASSWORD = "password"
INVITATION = "invitation"
Via = User.CreatedVia
# Links that went to the account's address and nowhere else: using one proves
# control of that address.
EMAILED_LINKS = {Via.INVITATION, Via.BATCH}


def _emit(account: User, type: str) -> None:
    person = account.person
    domain_event_send(
        User,
        agency_id=person.agency_id,
        type=type,
        data={"account": account.pk, person.portal_kind: person.pk},
    )


def password_generate() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


@dataclass
class Credentials:
    """What a generation produced. The password is only handed back to the caller
    that must show it once; it is never stored or logged."""

    account: User
    password: str | None = None
    invitation_link: str | None = None
    email_sent: bool = False
    email_error: str = ""
    renewed: bool = False  # new credentials for an existing account


def identifier_is_available(identifier: str, *, exclude_pk=None) -> bool:
    query = User.objects.filter(identifier_key=fold_identifier(identifier))
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    return not query.exists()


def module_must_be_on(agency, kind: str) -> None:
    if not agency.module_enabled(kind):
        raise ValidationError(_("Le module de ce portail n'est pas activé."))


def sender_for(person, sender: SenderAddress | None) -> SenderAddress | None:
    if sender is not None and sender.agency_id != person.agency_id:
        raise ValidationError({"sender": _("Adresse d'expédition inconnue.")})
    return sender


def _set_credentials(
    account, *, mode: str, password: str | None, generated: bool, prepared=None
):
    if mode == INVITATION:
        # A fresh random unusable hash: also what makes older links and sessions die.
        account.set_unusable_password()
        return None
    if prepared is not None:
        # A batch hashed this generated password beforehand, on every core.
        account.password = prepared[1]
        return prepared[0]
    if generated:
        password = password_generate()
    else:
        try:
            password_validation.validate_password(password or "", account)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
    account.set_password(password)
    return password


def _channel(credentials: Credentials, *, typed: bool) -> str:
    if typed:
        return Via.PASSWORD_TYPED
    if credentials.password is None:
        return Via.INVITATION if credentials.email_sent else Via.INVITATION_HANDED
    return Via.PASSWORD_EMAILED if credentials.email_sent else Via.PASSWORD_HANDED


def _record_channel(credentials: Credentials, *, typed: bool, via) -> Credentials:
    """Once delivery is over: whether the e-mail left decides who holds the secret
    (staff are shown it otherwise)."""
    account = credentials.account
    account.created_via = via or _channel(credentials, typed=typed)
    User.objects.filter(pk=account.pk).update(created_via=account.created_via)
    return credentials


def _deliver(credentials: Credentials, *, sender, send_email: bool, connection=None):
    account = credentials.account
    if credentials.password is None:
        credentials.invitation_link = INVITATION_LINK.new_url(account)
    if not send_email:
        return credentials
    message = credentials_message(
        account=account,
        sender=sender,
        password=credentials.password,
        invitation_link=credentials.invitation_link,
        renewed=credentials.renewed,
    )
    message.connection = connection
    try:
        message.send()
        credentials.email_sent = True
    except Exception as error:  # noqa: BLE001 — any transport failure is reported
        logger.warning("Credentials e-mail to account %s failed: %s", account.pk, error)
        credentials.email_error = _("E-mail refusé par le serveur : %(error)s") % {
            "error": error
        }
    return credentials


class Skip:
    """Why bulk generation leaves a person out (portal_account_skip_reason)."""

    HAS_ACCOUNT = "has_account"
    NO_EMAIL = "no_email"


def portal_account_skip_reason(
    person, *, has_account: bool | None = None
) -> str | None:
    """Why generating accounts in bulk leaves this person alone, or None. The
    identifier is the e-mail there, and a re-run must never open a second account.
    `has_account` is what the caller already knows (a prefetch, a locked read);
    otherwise it is asked."""
    if has_account is None:
        has_account = person.accounts.exists()
    if has_account:
        return Skip.HAS_ACCOUNT
    if not person.email:
        return Skip.NO_EMAIL
    return None


def portal_account_build(
    *,
    person: Client | Intervenant,
    identifier: str | None = None,
    portal: Portal | None = None,
    mode: str = PASSWORD,
    password: str | None = None,
    prepared: tuple[str, str] | None = None,
    via: str = "",
    bulk: bool = False,
) -> tuple[User, str | None]:
    """An unsaved, validated portal account for the person, and its plain password
    (None in invitation mode). Every way of opening an account builds it here, so
    that `User.clean()` and the field validators run for each of them.

    `bulk`: the caller builds many accounts in one transaction and inserts them
    with bulk_create (a batch chunk). It has checked the identifiers' availability
    for all of them in one query, and has just read (and locked) the portal and
    the people; the per-account queries that would check the same again are then
    skipped: uniqueness (`validate_unique=False`), the constraints and the
    existence of the portal and the person, which the database enforces at the
    insert anyway (a chunk that breaks one is redone person by person, in full).
    `User.clean()` and the other fields' validators run either way."""
    identifier = (identifier if identifier is not None else person.email).strip()
    if not identifier:
        raise ValidationError({"username": _("Indiquez un identifiant.")})
    if not bulk and not identifier_is_available(identifier):
        raise ValidationError({"username": _("Identifiant indisponible")})
    if portal is None:
        portal = Portal.objects.get(agency_id=person.agency_id, kind=person.portal_kind)
    account = User(
        username=identifier,
        email=person.email,
        portal=portal,
        first_name=person.first_name,
        last_name=person.last_name,
        created_via=via,
        **{person.portal_kind: person},
    )
    plain = _set_credentials(
        account,
        mode=mode,
        password=password,
        generated=password is None,
        prepared=prepared,
    )
    account.full_clean(
        exclude=["portal", person.portal_kind] if bulk else None,
        validate_unique=not bulk,
        validate_constraints=not bulk,
    )
    return account, plain


def portal_account_generate(
    *,
    person: Client | Intervenant,
    identifier: str | None = None,
    mode: str = PASSWORD,
    password: str | None = None,
    send_email: bool = False,
    sender: SenderAddress | None = None,
    connection=None,
    prepared: tuple[str, str] | None = None,
    via: str | None = None,
) -> Credentials:
    """Open a portal account for a person. The password is generated unless one is
    given; in invitation mode the person chooses it through a one-time link. The
    account stays created if the e-mail cannot be sent (the result says so). `via`
    names the channel when the caller knows better than the mode (a batch, the
    command line); otherwise the mode and the delivery decide it."""
    module_must_be_on(person.agency, person.portal_kind)
    if send_email and not person.email:
        raise ValidationError({"send_email": _("Cette personne n'a pas d'e-mail.")})
    sender = sender_for(person, sender)
    with transaction.atomic():
        account, plain = portal_account_build(
            person=person,
            identifier=identifier,
            mode=mode,
            password=password,
            prepared=prepared,
        )
        account.save()
        person_group_join(account=account)
        _emit(account, "account.created")
    credentials = _deliver(
        Credentials(account=account, password=plain),
        sender=sender,
        send_email=send_email,
        connection=connection,
    )
    typed = mode != INVITATION and password is not None
    return _record_channel(credentials, typed=typed, via=via)


def portal_account_create(*, person, identifier: str, password: str) -> User:
    """An account with a password chosen by staff, nothing sent."""
    return portal_account_generate(
        person=person, identifier=identifier, password=password
    ).account


def portal_account_regenerate(
    *,
    account: User,
    mode: str = PASSWORD,
    password: str | None = None,
    send_email: bool = False,
    sender: SenderAddress | None = None,
    changed_by: User | None = None,
    via: str | None = None,
) -> Credentials:
    """New credentials for an existing account: every token, session and invitation
    link it had stops working at once. The account's contact follows the person's
    record if that changed: a visible change, told to the old address
    (`changed_by` is the staff member regenerating, when known)."""
    person = account.person
    sender = sender_for(person, sender)
    if send_email and not person.email:
        raise ValidationError({"send_email": _("Cette personne n'a pas d'e-mail.")})
    with transaction.atomic():
        if person.email:
            account_email_change(
                account=account, email=person.email, changed_by=changed_by
            )
        plain = _set_credentials(
            account, mode=mode, password=password, generated=password is None
        )
        account.calendar_token_digest = None  # the calendar feed URL dies too
        account.save(update_fields=["password", "calendar_token_digest"])
        AuthToken.objects.filter(user=account).delete()
        _emit(account, "account.regenerated")
    credentials = _deliver(
        Credentials(account=account, password=plain, renewed=True),
        sender=sender,
        send_email=send_email,
    )
    typed = mode != INVITATION and password is not None
    return _record_channel(credentials, typed=typed, via=via)


@transaction.atomic
def portal_account_delete(*, account: User) -> None:
    """Close an account: its tokens go with it and its sessions no longer load a
    user. The person's documents, planning and coupons are untouched."""
    if not account.is_portal_account:
        raise ValidationError(
            _("Seuls les comptes de portail peuvent être supprimés ici.")
        )
    _emit(account, "account.deleted")
    account.delete()


@transaction.atomic
def portal_account_accept_invitation(
    *, portal: Portal, token: str, new_password: str
) -> User:
    """Set the password chosen through an invitation link (which then stops working)."""
    return _password_set_through_link(
        INVITATION_LINK,
        portal=portal,
        token=token,
        new_password=new_password,
        proves_email=None,
        refusal=ApplicationError(
            "invalid_invitation",
            _(
                "Ce lien d'invitation n'est plus valable. "
                "Demandez-en un nouveau à votre agence."
            ),
            status=400,
        ),
    )


@transaction.atomic
def portal_account_reset_password(
    *, portal: Portal, token: str, new_password: str
) -> User:
    """Set a new password through a reset link (which then stops working); every
    token and session of the account is revoked, since whoever asked may be
    recovering from a stolen password."""
    return _password_set_through_link(
        PASSWORD_RESET_LINK,
        portal=portal,
        token=token,
        new_password=new_password,
        # The link was sent to the account's own address.
        proves_email=True,
        refusal=ApplicationError(
            "invalid_reset_link",
            _(
                "Ce lien de réinitialisation n'est plus valable. "
                "Demandez-en un nouveau depuis la page « Mot de passe oublié »."
            ),
            status=400,
        ),
    )


def _password_set_through_link(
    link: OneTimeLink, *, portal, token, new_password, proves_email, refusal
) -> User:
    account_id = link.account_id(token)
    account = (
        User.objects.select_for_update().filter(pk=account_id, portal=portal).first()
        if account_id
        else None
    )
    if account is None or not link.is_valid(account, token):
        raise refusal
    try:
        password_validation.validate_password(new_password, account)
    except ValidationError as error:
        raise ValidationError({"new_password": error.messages}) from error
    account.set_password(new_password)
    fields = ["password"]
    # The link reached the person through this address: it is theirs. (An invitation
    # proves it only when it was e-mailed, not shown to staff.)
    if proves_email is None:
        proves_email = account.created_via in EMAILED_LINKS
    if proves_email and account.email:
        account.email_confirmed_at = timezone.now()
        fields.append("email_confirmed_at")
    account.save(update_fields=fields)
    # Sessions die with the password hash; tokens are deleted.
    AuthToken.objects.filter(user=account).delete()
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
