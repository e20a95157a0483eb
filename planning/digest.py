"""The daily e-mail of the changes made through the portals, for the staff members
who asked for it. Run `manage.py send_planning_digest` once a day (cron)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from access.emails import agency_from_email

from .changes import change_rows
from .display import format_when, of_name
from .models import ChangeLog, DigestSubscription


def digest_subject(agency, count: int) -> str:
    return ngettext(
        "Portail %(of_agency)s : %(count)d modification du planning",
        "Portail %(of_agency)s : %(count)d modifications du planning",
        count,
    ) % {"of_agency": of_name(agency.name), "count": count}


def digest_agencies_of(*, user, agencies) -> list[tuple]:
    """(agency, subscribed) for each of `agencies`, as the user chose."""
    subscribed = set(
        DigestSubscription.objects.filter(user=user).values_list("agency_id", flat=True)
    )
    return [(agency, agency.pk in subscribed) for agency in agencies]


@transaction.atomic
def digest_subscriptions_set(*, user, agencies, wanted: set[str]) -> None:
    """The user receives the digest of those of `agencies` (the ones they may choose
    among) whose id is in `wanted` (ids as text, as a form posts them), and no longer
    of the others."""
    for agency in agencies:
        if str(agency.pk) in wanted:
            DigestSubscription.objects.get_or_create(user=user, agency=agency)
        else:
            DigestSubscription.objects.filter(user=user, agency=agency).delete()


def digest_subscriptions_current() -> QuerySet[DigestSubscription]:
    """Subscriptions still owed a digest: the user is active and still a member of
    the agency's staff group (former staff get nothing, whatever rows remain)."""
    membership = get_user_model().groups.through.objects.filter(
        user_id=OuterRef("user_id"), group_id=OuterRef("agency__staff_group_id")
    )
    return DigestSubscription.objects.filter(user__is_active=True).filter(
        Exists(membership)
    )


def digest_subscriptions_prune(*, user_ids=None, group_ids=None) -> int:
    """Delete the subscriptions no longer owed a digest, among those of `user_ids`
    and/or of the agencies whose staff group is in `group_ids`; the number deleted."""
    stale = DigestSubscription.objects.exclude(
        pk__in=digest_subscriptions_current().values("pk")
    )
    if user_ids is not None:
        stale = stale.filter(user_id__in=user_ids)
    if group_ids is not None:
        stale = stale.filter(agency__staff_group_id__in=group_ids)
    deleted, _per_model = stale.delete()
    return deleted


def digest_send(*, since=None) -> int:
    """E-mail each subscriber the changes of their agency since `since` (a day ago by
    default); the number of messages sent."""
    since = since or timezone.now() - timedelta(days=1)
    sent = 0
    subscriptions = digest_subscriptions_current().select_related("user", "agency")
    with get_connection() as connection:
        for subscription in subscriptions:
            agency = subscription.agency
            changes = (
                ChangeLog.objects.filter(agency=agency, at__gte=since)
                .select_related("account", "agency", "client", "intervenant")
                .order_by("at")
            )
            if not subscription.user.email:
                continue
            rows = change_rows(changes)
            if not rows:
                continue
            with translation.override("fr"):
                body = render_to_string(
                    "planning/digest.txt",
                    {
                        "of_agency": of_name(agency.name),
                        "rows": rows,
                        "since": format_when(since, agency),
                    },
                )
                subject = digest_subject(agency, len(rows))
            EmailMessage(
                subject=subject,
                body=body,
                from_email=agency_from_email(agency),
                to=[subscription.user.email],
                connection=connection,
            ).send()
            sent += 1
    return sent
