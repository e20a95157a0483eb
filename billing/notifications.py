"""E-mails to the agency's staff about their clients' signatures."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from access.emails import agency_from_email
from access.formatting import format_agency_datetime


def signed_notify(*, signature) -> int:
    """Tell the agency's staff (those with an e-mail address) that a client signed;
    the number of messages sent."""
    agency = signature.agency
    staff = (
        get_user_model()
        .objects.filter(groups=agency.staff_group_id, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    record = signature.record
    with translation.override("fr"):
        subject = _("%(label)s n° %(number)s signé par %(client)s") % {
            "label": record._meta.verbose_name.capitalize(),
            "number": record.number,
            "client": signature.client,
        }
        body = _(
            "%(client)s a signé « %(title)s » (n° %(number)s) le %(date)s.\n\n"
            "Le PDF signé est publié sur son portail ; la preuve est dans "
            "l'administration : %(link)s"
        ) % {
            "client": signature.client,
            "title": record.title,
            "number": record.number,
            "date": format_agency_datetime(signature.signed_at, agency),
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse(
                type(signature).snippet_viewset.get_url_name("inspect"),
                args=[signature.pk],
            ),
        }
    sender = agency_from_email(agency)
    sent = 0
    for email in staff:
        sent += EmailMessage(subject, body, sender, [email]).send()
    return sent
