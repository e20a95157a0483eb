"""The e-mail that gives a person their portal credentials or invitation link."""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def credentials_message(
    *, account, sender, password: str | None = None, invitation_link: str | None = None
) -> EmailMultiAlternatives:
    """The message for one account: its identifier and either its password or its
    invitation link. Always in French, the language of the agency's people."""
    agency = account.portal.agency
    context = {
        "agency": agency,
        "portal_address": account.portal.address,
        "identifier": account.username,
        "password": password,
        "invitation_link": invitation_link,
        "invitation_days": settings.PORTAL_INVITATION_MAX_AGE.days,
        "person": account.person,
    }
    with translation.override("fr"):
        subject = render_to_string("access/emails/credentials_subject.txt", context)
        text = render_to_string("access/emails/credentials.txt", context)
        html = render_to_string("access/emails/credentials.html", context)
    from_email = (
        formataddr((sender.display_name or agency.name, sender.email))
        if sender
        else settings.DEFAULT_FROM_EMAIL
    )
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=from_email,
        to=[account.person.email or account.email],
    )
    message.attach_alternative(html, "text/html")
    return message
