"""The daily e-mail of the changes made through the portals, for the staff members
who asked for it. Run `manage.py send_planning_digest` once a day (cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import ChangeLog, DigestSubscription


def digest_send(*, since=None) -> int:
    """E-mail each subscriber the changes of their agency since `since` (a day ago by
    default); the number of messages sent."""
    since = since or timezone.now() - timedelta(days=1)
    sent = 0
    subscriptions = DigestSubscription.objects.select_related("user", "agency")
    with get_connection() as connection:
        for subscription in subscriptions:
            changes = list(
                ChangeLog.objects.filter(agency=subscription.agency, at__gte=since)
                .select_related("account", "client", "intervenant")
                .order_by("at")
            )
            if not changes or not subscription.user.email:
                continue
            with translation.override("fr"):
                body = render_to_string(
                    "planning/digest.txt",
                    {
                        "agency": subscription.agency,
                        "changes": changes,
                        "since": since,
                    },
                )
            EmailMessage(
                subject=f"Portail — modifications du planning ({len(changes)})",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[subscription.user.email],
                connection=connection,
            ).send()
            sent += 1
    return sent
