"""Conversations and announcements, built through the messaging services."""

import factory

from messaging.models import Announcement, Conversation
from messaging.services import announcement_publish, conversation_start


class ConversationFactory(factory.django.DjangoModelFactory):
    """A conversation of `person` (required) opened by `author` (one of the person's
    accounts, or a staff member), with a first message."""

    subject = "Changement d'horaire"
    body = "Bonjour, pouvez-vous décaler la visite de mardi ?"

    class Meta:
        model = Conversation

    @classmethod
    def _create(cls, model_class, *args, **fields):
        return conversation_start(**fields)


def conversation_of(account, **fields):
    """A conversation the account's person opened from that account."""
    return ConversationFactory(person=account.person, author=account, **fields)


class AnnouncementFactory(factory.django.DjangoModelFactory):
    """A published announcement of `agency` (required), for clients unless told."""

    title = "Fermeture exceptionnelle"
    text = "L'agence sera fermée le lundi de Pâques."
    for_clients = True

    class Meta:
        model = Announcement

    @classmethod
    def _create(cls, model_class, *args, **fields):
        return announcement_publish(announcement=model_class(**fields))
