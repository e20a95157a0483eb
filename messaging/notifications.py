"""E-mails that say a message is waiting. To a person they carry no subject and no
content (health and family matters do not travel by e-mail), only the link to the
conversation in the web portal; to staff, who wrote and the admin's link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from access.emails import agency_from_email

from .models import Message, StaffMessagingSettings
from .services import person_notifications_enabled, staff_notify_choice


def conversation_portal_url(conversation, portal) -> str:
    """The conversation's page in the web portal."""
    return f"{portal.address}messages/{conversation.pk}"


def person_notify(*, message: Message) -> int:
    """Tell the person's accounts (their own addresses) that the agency wrote; the
    number of e-mails sent."""
    conversation = message.conversation
    person = conversation.person
    if not person_notifications_enabled(person):
        return 0
    accounts = person.accounts.filter(is_active=True, portal__isnull=False).exclude(
        email=""
    )
    addresses = sorted({account.email for account in accounts})
    if not addresses:
        return 0
    agency = conversation.agency
    portal = agency.portals.get(kind=person.portal_kind)
    with translation.override("fr"):
        subject = _("Un nouveau message vous attend sur votre portail")
        body = _(
            "Bonjour %(first_name)s,\n\n"
            "%(agency)s vous a écrit. Pour lire le message, connectez-vous à votre "
            "portail :\n%(link)s\n\n"
            "Pour protéger votre vie privée, le contenu des messages n'est jamais "
            "envoyé par e-mail.\n"
        ) % {
            "first_name": person.first_name,
            "agency": agency.name,
            "link": conversation_portal_url(conversation, portal),
        }
    sender = agency_from_email(agency)
    return sum(
        EmailMessage(subject, body, sender, [address]).send() for address in addresses
    )


def _staff_to_notify(conversation) -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    assigned = conversation.assigned_to
    if assigned is not None:
        if staff_notify_choice(assigned) == StaffMessagingSettings.Notify.NONE:
            return []
        return list(users.filter(pk=assigned.pk).values_list("email", flat=True))
    return list(
        users.filter(
            groups=conversation.agency.staff_group_id,
            messaging_settings__notify=StaffMessagingSettings.Notify.ALL,
        ).values_list("email", flat=True)
    )


def staff_notify(*, message: Message) -> int:
    """Tell the staff member the conversation is assigned to, or else the agency's
    staff who asked for every new conversation, that the person wrote."""
    conversation = message.conversation
    addresses = _staff_to_notify(conversation)
    if not addresses:
        return 0
    agency = conversation.agency
    with translation.override("fr"):
        subject = _("Nouveau message de %(person)s") % {"person": conversation.person}
        body = _(
            "%(person)s a écrit dans une conversation avec l'agence.\n\n"
            "Lire et répondre dans l'administration :\n%(link)s\n"
        ) % {
            "person": conversation.person,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("messaging_admin:conversation", args=[conversation.pk]),
        }
    sender = agency_from_email(agency)
    return sum(
        EmailMessage(subject, body, sender, [address]).send() for address in addresses
    )
