"""Writes of messaging: conversations opened, answered, read, assigned, closed and
reopened; announcements published; notification choices."""

import os

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.events import domain_event_send
from access.policies import staff_agency_ids
from media.validation import safe_file_name, validate_upload

from .models import (
    Announcement,
    Attachment,
    Conversation,
    Message,
    PersonMessagingSettings,
    StaffMessagingSettings,
)

HOUR = 3600


def _author_side(*, author, person) -> bool:
    """Whether `author` writes for the agency (True) or as the person (False);
    refuses anyone else."""
    if author.is_portal_account:
        if author.person != person or not author.is_active:
            raise ApplicationError(
                "not_found", _("Conversation introuvable."), status=404
            )
        return False
    if author.is_superuser or person.agency_id in staff_agency_ids(author):
        return True
    raise ApplicationError(
        "action_not_allowed",
        _("Vous n'êtes pas de l'équipe de cette agence."),
        status=403,
    )


def _count_person_message(person) -> None:
    """One more message from this person this hour (in Django's cache, shared by
    every process when it is Redis); 429 beyond the limit."""
    key = f"messaging-sent:{person.portal_kind}:{person.pk}"
    cache.add(key, 0, timeout=HOUR)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=HOUR)
        sent = 1
    if sent > settings.MESSAGING_MESSAGES_PER_HOUR:
        raise ApplicationError(
            "too_many_requests",
            _("Vous avez envoyé beaucoup de messages : réessayez dans une heure."),
            status=429,
            retry_after=HOUR,
        )


def _store_attachments(message: Message, uploads) -> None:
    for upload in uploads:
        try:
            content_type = validate_upload(upload)
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
        # The sender's own name for the file, without any folder, is what both
        # sides read; the stored name is the safe one.
        original = os.path.basename((upload.name or "").replace("\\", "/"))
        upload.name = safe_file_name(upload.name, content_type)
        attachment = Attachment(
            message=message,
            title=(original or upload.name)[:255],
            file=upload,
            content_type=content_type,
            size=upload.size,
        )
        attachment.full_clean()
        attachment.save()


def _author_name(author, from_staff: bool, conversation) -> str:
    """Who the other side reads as the writer: the staff member's name, or their
    agency's when the account has none (a family should not read a login); the
    person's name for a portal account (not its identifier, often an e-mail)."""
    if from_staff:
        return author.get_full_name() or conversation.agency.name
    return str(conversation.person)


def _add_message(conversation, author, from_staff, body, uploads, notify) -> Message:
    """The message, its attachments and the conversation's activity; a person's
    message counts toward their hourly limit (tried ones too: a flood of refused
    sends is a flood)."""
    if not from_staff:
        _count_person_message(conversation.person)
    message = Message(
        conversation=conversation,
        body=(body or "").strip(),
        author=author,
        from_staff=from_staff,
        author_name=_author_name(author, from_staff, conversation)[:300],
    )
    message.full_clean()
    message.save()
    _store_attachments(message, uploads)
    conversation.last_activity_at = message.created_at
    conversation.save(update_fields=["last_activity_at"])
    if not from_staff:
        person = conversation.person
        domain_event_send(
            Message,
            agency_id=conversation.agency_id,
            type="message.received",
            data={
                "conversation": conversation.pk,
                "message": message.pk,
                person.portal_kind: person.pk,
            },
        )
    if notify:
        from .tasks import notify_new_message  # tasks import the services

        transaction.on_commit(lambda: notify_new_message.enqueue(message.pk))
    return message


@transaction.atomic
def conversation_start(
    *, person, author, subject: str, body: str, uploads=(), notify: bool = True
) -> Conversation:
    """Open a conversation between `person` and their agency with a first message,
    written by one of the person's accounts or by a staff member of the agency.
    `notify=False` (history loaded by the demo) e-mails nobody."""
    from_staff = _author_side(author=author, person=person)
    conversation = Conversation(
        agency_id=person.agency_id,
        subject=(subject or "").strip(),
        last_activity_at=timezone.now(),
        **{person.portal_kind: person},
    )
    if from_staff:
        conversation.assigned_to = author
    conversation.full_clean()
    conversation.save()
    _add_message(conversation, author, from_staff, body, uploads, notify)
    return conversation


@transaction.atomic
def message_reply(
    *, conversation: Conversation, author, body: str, uploads=(), notify=True
):
    """Add a message to an open conversation (409 `conversation_closed` once staff
    closed it)."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    from_staff = _author_side(author=author, person=conversation.person)
    if conversation.is_closed:
        raise ApplicationError(
            "conversation_closed",
            _(
                "Cette conversation est fermée : écrivez un nouveau message pour "
                "une nouvelle demande."
            ),
            status=409,
        )
    return _add_message(conversation, author, from_staff, body, uploads, notify)


def conversation_read(*, conversation: Conversation, reader) -> int:
    """Mark the other side's messages read for the reader's side; how many."""
    from_staff = not _author_side(author=reader, person=conversation.person)
    return conversation.messages.filter(
        from_staff=from_staff, read_at__isnull=True
    ).update(read_at=timezone.now())


def _set_status(conversation: Conversation, by, status: str, refusal: str):
    """Only the agency's staff close or reopen; a portal account gets `refusal`."""
    _author_side(author=by, person=conversation.person)
    if by.is_portal_account:
        raise ApplicationError("action_not_allowed", refusal, status=403)
    conversation.status = status
    conversation.full_clean()
    conversation.save(update_fields=["status"])
    return conversation


@transaction.atomic
def conversation_close(*, conversation: Conversation, by) -> Conversation:
    refusal = _("Seule l'agence ferme une conversation.")
    return _set_status(conversation, by, Conversation.Status.CLOSED, refusal)


@transaction.atomic
def conversation_reopen(*, conversation: Conversation, by) -> Conversation:
    refusal = _("Seule l'agence rouvre une conversation.")
    return _set_status(conversation, by, Conversation.Status.OPEN, refusal)


@transaction.atomic
def conversation_assign(*, conversation: Conversation, staff) -> Conversation:
    """Give the conversation to a staff member of its agency (None: to nobody)."""
    if staff is not None and (
        staff.is_portal_account or conversation.agency_id not in staff_agency_ids(staff)
    ):
        raise ValidationError(
            {"assigned_to": _("Cette personne n'est pas de l'équipe de l'agence.")}
        )
    conversation.assigned_to = staff
    conversation.save(update_fields=["assigned_to"])
    return conversation


@transaction.atomic
def announcement_publish(*, announcement: Announcement) -> Announcement:
    """Validate and publish: it shows on the chosen portals until its end date."""
    announcement.published = True
    announcement.published_at = announcement.published_at or timezone.now()
    announcement.full_clean()
    announcement.save()
    return announcement


@transaction.atomic
def announcement_save(*, announcement: Announcement) -> Announcement:
    """Save the admin's form: published when ticked (dated once), else a draft that
    no portal shows."""
    if announcement.published:
        return announcement_publish(announcement=announcement)
    announcement.full_clean()
    announcement.save()
    return announcement


def person_notifications_set(*, person, enabled: bool) -> PersonMessagingSettings:
    """Whether e-mails announce new messages to the person's accounts."""
    row, _created = PersonMessagingSettings.objects.update_or_create(
        **{person.portal_kind: person}, defaults={"email_notifications": enabled}
    )
    return row


def person_notifications_enabled(person) -> bool:
    row = PersonMessagingSettings.objects.filter(**{person.portal_kind: person}).first()
    return row is None or row.email_notifications


def staff_notifications_set(*, user, notify: str) -> StaffMessagingSettings:
    """Which new messages the staff member is told of by e-mail."""
    row = StaffMessagingSettings.objects.filter(user=user).first()
    row = row or StaffMessagingSettings(user=user)
    row.notify = notify
    row.full_clean(validate_unique=False)
    row.save()
    return row


def staff_notify_choice(user) -> str:
    row = StaffMessagingSettings.objects.filter(user=user).first()
    return row.notify if row else StaffMessagingSettings.Notify.ASSIGNED
