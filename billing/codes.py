"""One-time signature codes: how they are made, kept and sent.

A code is 6 digits from `secrets`, kept only as an HMAC bound to its signature. It
reaches the client through a CodeSender: by e-mail here; an SMS provider plugs in
behind the same interface (setting PORTAL_SIGNATURE_CODE_SENDER).

Who controls the signing contact: the code goes to the contact of the portal account
that signs (`access.User.email`), never to the client's record (`Client.email`),
which staff edit freely. The client proves they control that address when they
choose their password through an invitation link e-mailed to it
(`User.email_confirmed_at`); any later change of it is written down with its author
and announced to the old address (access.services.contact), and the signature's
evidence carries all of that (billing.signatures). The code itself travels in the
message's body only: subjects show in notification previews, lock screens and
mail-server logs.
"""

import hmac
import secrets
from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from access.emails import agency_from_email
from access.formatting import mask_email


def new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def code_digest(signature_id: int, code: str) -> str:
    return salted_hmac(
        "portail.signature.code", f"{signature_id}:{code}", algorithm="sha256"
    ).hexdigest()


def code_matches(signature_id: int, code: str, digest: str) -> bool:
    return bool(digest) and hmac.compare_digest(code_digest(signature_id, code), digest)


@dataclass(frozen=True)
class Sent:
    channel: str
    destination: str  # masked
    message_id: str
    source: str  # where the contact address came from


class EmailCodeSender:
    channel = "email"

    def send(self, *, signature, code: str) -> Sent:
        client = signature.client
        address = signature.account.email if signature.account else ""
        if not address:
            raise LookupError("no e-mail address")
        message_id = make_msgid(domain="portail")
        record = signature.record
        with translation.override("fr"):
            message = EmailMessage(
                subject=_("Votre code de signature pour « %(title)s »")
                % {"title": record.title},
                body=_(
                    "Bonjour %(first_name)s,\n\nVoici votre code pour signer "
                    "« %(title)s » (n° %(number)s) : %(code)s\n\nIl est valable "
                    "%(minutes)s minutes. Si vous n'êtes pas à l'origine de cette "
                    "demande, ignorez ce message.\n\n%(agency)s"
                )
                % {
                    "first_name": client.first_name,
                    "title": record.title,
                    "number": record.number,
                    "code": code,
                    "minutes": int(settings.PORTAL_SIGNATURE_CODE_TTL.total_seconds())
                    // 60,
                    "agency": signature.agency.name,
                },
                from_email=agency_from_email(signature.agency),
                to=[address],
                headers={"Message-ID": message_id},
            )
        message.send()
        return Sent(
            channel=self.channel,
            destination=mask_email(address),
            message_id=message_id,
            source="account.email",
        )


def code_sender():
    return import_string(settings.PORTAL_SIGNATURE_CODE_SENDER)()
