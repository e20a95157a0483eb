"""The demo's messages (idempotent): a conversation with the agency's answer for the
first demo client and intervenant, and one announcement per open portal. Loaded as
history: nobody is e-mailed."""

from access.models import Client, Intervenant, Portal
from messaging.models import Announcement, Conversation
from messaging.services import (
    announcement_publish,
    conversation_read,
    conversation_start,
    message_reply,
)

CONVERSATIONS = {
    Client: (
        "client1@",
        "Changement d'horaire mardi",
        "Bonjour, serait-il possible que l'aide à domicile vienne à 10 h au lieu de "
        "9 h mardi prochain ? Merci.",
        "Bonjour, c'est noté : Inès passera mardi à 10 h. Bonne journée.",
    ),
    Intervenant: (
        "intervenant1@",
        "Congés de décembre",
        "Bonjour, je souhaiterais poser mes congés du 22 au 26 décembre.",
        "Bonjour Inès, vos congés sont validés. Le planning sera ajusté.",
    ),
}

ANNOUNCEMENTS = {
    Portal.Kind.CLIENT: (
        "Fermeture le 25 décembre",
        "L'agence sera fermée le 25 décembre ; les interventions prévues sont "
        "maintenues. Joyeuses fêtes !",
    ),
    Portal.Kind.INTERVENANT: (
        "Réunion d'équipe le 5 décembre",
        "Réunion d'équipe à l'agence le 5 décembre à 14 h, suivie d'un goûter.",
    ),
}


def seed_messages(agency) -> None:
    staff = agency.staff_group.user_set.order_by("pk").first()
    for model, (prefix, subject, question, answer) in CONVERSATIONS.items():
        person = model.objects.filter(
            agency=agency, email__startswith=prefix, accounts__isnull=False
        ).first()
        if person is None or staff is None:
            continue
        if Conversation.objects.for_person(person).filter(subject=subject).exists():
            continue
        account = person.accounts.order_by("pk").first()
        conversation = conversation_start(
            person=person, author=account, subject=subject, body=question, notify=False
        )
        conversation_read(conversation=conversation, reader=staff)
        message_reply(
            conversation=conversation, author=staff, body=answer, notify=False
        )
    for kind, (title, text) in ANNOUNCEMENTS.items():
        if not agency.module_enabled(kind):
            continue
        if Announcement.objects.for_agency(agency).filter(title=title).exists():
            continue
        announcement_publish(
            announcement=Announcement(
                agency=agency,
                title=title,
                text=text,
                for_clients=kind == Portal.Kind.CLIENT,
                for_intervenants=kind == Portal.Kind.INTERVENANT,
            )
        )
