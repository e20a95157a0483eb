"""The daily e-mail of the changes made through the portals, for the staff members
who asked for it. Run `manage.py send_planning_digest` once a day (cron)."""

from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
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


def digest_send(*, since=None) -> int:
    """E-mail each subscriber the changes of their agency since `since` (a day ago by
    default); the number of messages sent."""
    since = since or timezone.now() - timedelta(days=1)
    sent = 0
    subscriptions = DigestSubscription.objects.select_related("user", "agency")
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
