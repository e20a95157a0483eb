"""Reads of conversations and announcements, scoped in the queryset: a person sees
their own conversations (through any of their accounts), staff their agency's."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from access.staff_scope import staff_rows

from .models import Announcement, Attachment, Conversation, Message


def _person_of(account):
    portal, person = account.portal, account.person
    if portal is None or person is None or person.agency_id != portal.agency_id:
        return None
    return person


def conversation_list_for_account(
    *, account, status: str | None = None
) -> QuerySet[Conversation]:
    """The conversations of the account's person, newest activity first, each with
    `unread`: staff messages the person has not read."""
    person = _person_of(account)
    if person is None:
        return Conversation.objects.none()
    conversations = Conversation.objects.for_person(person)
    if status:
        conversations = conversations.filter(status=status)
    return conversations.annotate(
        unread=Count(
            "messages",
            filter=Q(messages__from_staff=True, messages__read_at__isnull=True),
        )
    ).order_by("-last_activity_at", "-id")


def _with_messages(conversations: QuerySet) -> QuerySet:
    messages = Message.objects.order_by("created_at", "id").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )
    return conversations.prefetch_related(Prefetch("messages", queryset=messages))


def conversation_for_account(*, account, pk: int) -> Conversation | None:
    """One conversation of the account's person with its messages (oldest first)
    and their attachments; another's id finds nothing."""
    person = _person_of(account)
    if person is None:
        return None
    return _with_messages(Conversation.objects.for_person(person).filter(pk=pk)).first()


def attachment_for_account(
    *, account, pk: int, conversation: int | None = None
) -> Attachment | None:
    """An attachment of one of the account's person's conversations (of that
    conversation when one is named: its address names both)."""
    person = _person_of(account)
    if person is None:
        return None
    found = Attachment.objects.filter(
        pk=pk, message__conversation__in=Conversation.objects.for_person(person)
    )
    if conversation is not None:
        found = found.filter(message__conversation_id=conversation)
    return found.first()


def unread_count_for_account(*, account) -> int:
    """Staff messages the account's person has not read, in all their
    conversations."""
    person = _person_of(account)
    if person is None:
        return 0
    return Message.objects.filter(
        conversation__in=Conversation.objects.for_person(person),
        from_staff=True,
        read_at__isnull=True,
    ).count()


def announcement_list_for_account(*, account) -> QuerySet[Announcement]:
    """The agency's published announcements for this account's portal that have not
    ended (on the agency's calendar), newest first."""
    portal = account.portal
    if portal is None:
        return Announcement.objects.none()
    agency = portal.agency
    today = timezone.localdate(timezone=_zone(agency))
    return (
        Announcement.objects.for_agency(agency)
        .filter(published=True, **{f"for_{portal.kind}s": True})
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("-published_at", "-pk")
    )


def _zone(agency):
    from zoneinfo import ZoneInfo

    return ZoneInfo(agency.time_zone)


# -- staff -------------------------------------------------------------------


def conversations_for_staff(user) -> QuerySet[Conversation]:
    """The conversations of the staff member's agencies (all for a superuser),
    newest activity first, each with `unread`: the people's messages staff have
    not read."""
    return (
        staff_rows(Conversation, user)
        .select_related("client", "intervenant", "assigned_to", "agency")
        .annotate(
            unread=Count(
                "messages",
                filter=Q(messages__from_staff=False, messages__read_at__isnull=True),
            )
        )
        .order_by("-last_activity_at", "-id")
    )


def conversation_for_staff(user, pk) -> Conversation | None:
    return _with_messages(conversations_for_staff(user).filter(pk=pk)).first()


def unread_count_for_staff(user) -> int:
    return Message.objects.filter(
        conversation__in=staff_rows(Conversation, user),
        from_staff=False,
        read_at__isnull=True,
    ).count()


def attachment_for_staff(user, pk) -> Attachment | None:
    return Attachment.objects.filter(
        pk=pk, message__conversation__in=staff_rows(Conversation, user)
    ).first()
