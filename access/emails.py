"""The e-mail that gives a person their portal credentials or invitation link.

A batch sends thousands of these, so the templates are rendered once per portal and
mode with markers in place of each person's values, then filled per message.
"""

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

MARKERS = {name: f"@@{name}@@" for name in ("first_name", "identifier", "secret")}


def agency_from_email(agency, sender=None) -> str:
    """The From header of mail sent on the agency's behalf: the sender address staff
    chose, else the agency's first one; never the service's bare address, which
    only lends its mailbox, under the agency's name, to an agency without any."""
    sender = (
        sender
        or agency.sender_addresses.order_by(
            F("sort_order").asc(nulls_last=True), "pk"
        ).first()
    )
    name, email = (
        (sender.display_name or agency.name, sender.email)
        if sender is not None
        else (agency.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])
    )
    # Readable and quoted where needed; Django encodes the name for the wire.
    return str(Address(display_name=name, addr_spec=email))


class CredentialsMailer:
    """Messages for the accounts of one portal, in one mode (password or invitation).
    Always in French, the language of the agency's people."""

    def __init__(self, *, portal, sender, with_password: bool, renewed=False):
        agency = portal.agency
        context = {
            "renewed": renewed,
            "agency": agency,
            "portal_address": portal.address,
            "identifier": MARKERS["identifier"],
            "password": MARKERS["secret"] if with_password else None,
            "invitation_link": None if with_password else MARKERS["secret"],
            "invitation_days": settings.PORTAL_INVITATION_MAX_AGE.days,
            "person": {"first_name": MARKERS["first_name"]},
        }
        with translation.override("fr"):
            subject = render_to_string("access/emails/credentials_subject.txt", context)
            self.text = render_to_string("access/emails/credentials.txt", context)
            self.html = render_to_string("access/emails/credentials.html", context)
        self.subject = " ".join(subject.split())
        self.from_email = agency_from_email(agency, sender)

    @staticmethod
    def _fill(template: str, values: dict, transform=str) -> str:
        for name, value in values.items():
            template = template.replace(MARKERS[name], transform(value))
        return template

    def message(self, *, account, secret: str) -> EmailMultiAlternatives:
        values = {
            "first_name": account.person.first_name,
            "identifier": account.username,
            "secret": secret,
        }
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self._fill(self.text, values),
            from_email=self.from_email,
            to=[account.person.email or account.email],
        )
        message.attach_alternative(self._fill(self.html, values, escape), "text/html")
        return message


def credentials_message(
    *,
    account,
    sender,
    password: str | None = None,
    invitation_link: str | None = None,
    renewed: bool = False,
) -> EmailMultiAlternatives:
    mailer = CredentialsMailer(
        portal=account.portal,
        sender=sender,
        with_password=password is not None,
        renewed=renewed,
    )
    return mailer.message(account=account, secret=password or invitation_link)


def password_reset_message(*, account, link: str) -> EmailMultiAlternatives:
    """The forgotten-password e-mail, to the account's own address, in French."""
    portal = account.portal
    context = {
        "agency": portal.agency,
        "person": account.person,
        "portal_address": portal.address,
        "link": link,
        "days": settings.PORTAL_INVITATION_MAX_AGE.days,
    }
    with translation.override("fr"):
        subject = render_to_string("access/emails/password_reset_subject.txt", context)
        text = render_to_string("access/emails/password_reset.txt", context)
        html = render_to_string("access/emails/password_reset.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=agency_from_email(portal.agency),
        to=[account.email],
    )
    message.attach_alternative(html, "text/html")
    return message
