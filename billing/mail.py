"""Who billing e-mails come from: the agency's own sender address."""

from email.utils import formataddr

from django.conf import settings
from django.db.models import F

from access.models import SenderAddress


def agency_from_email(agency) -> str:
    """The agency's first sender address with its display name (the agency's name
    when it has none); the service's default only for an agency that has set up
    no address yet."""
    sender = (
        SenderAddress.objects.filter(agency=agency)
        .order_by(F("sort_order").asc(nulls_last=True), "pk")
        .first()
    )
    if sender is None:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((sender.display_name or agency.name, sender.email))
