"""The electronic signature of a quote or contract (API.md: Signature): open the PDF,
read and accept the general terms, receive a one-time code, confirm with it. Every
step is written to the signature's evidence chain; on confirmation the record is
signed and the sealed PDF is made by the task worker (billing.sealing).

Each step locks the signature's row. A refused code is still counted: the step
saves its attempt, then refuses. Wrong codes count per quote or contract over
LOCK_PERIOD, whichever request they were typed in: opening a new request neither
starts the count again nor lifts the lock.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from access.errors import ApplicationError
from access.events import domain_event_send
from access.selectors import account_contact_facts

from .codes import code_digest, code_matches, code_sender, new_code
from .evidence import evidence_append, file_sha256
from .models import Signature, SignatureEvent, Terms

ACTIVE = {
    Signature.Status.OPENED,
    Signature.Status.TERMS_ACCEPTED,
    Signature.Status.CODE_SENT,
}
MAX_AGE = timedelta(days=7)  # an unfinished request then expires
LOCK_PERIOD = timedelta(days=1)  # too many wrong codes lock the record this long


def current_terms(agency) -> Terms | None:
    return Terms.objects.filter(agency=agency).select_related("document").first()


def consent_text(signature: Signature) -> str:
    """The sentence the client accepts, exactly as the front end must show it."""
    record = signature.record
    return _(
        "J'ai lu et j'accepte les conditions générales (version %(version)s) et je "
        "signe électroniquement « %(title)s », n° %(number)s, d'un montant de "
        "%(amount)s."
    ) % {
        "version": signature.terms.version,
        "title": record.title,
        "number": record.number,
        "amount": record.amount_display,
    }


def _stored_sha256(field) -> str:
    with field.open("rb") as stream:
        return file_sha256(stream)


def _who(signature: Signature, meta: dict) -> dict:
    return {
        "account": {"id": signature.account_id, "identifier": meta.get("identifier")},
        "person": {"id": signature.client_id, "name": str(signature.client)},
        "ip": meta.get("ip"),
        "user_agent": meta.get("user_agent"),
    }


def _wrong_codes(record, since) -> int:
    """The record's wrong codes since `since`, over all its signature requests."""
    return SignatureEvent.objects.filter(
        **{f"signature__{record.category}": record},
        step="code_rejected",
        at__gte=since,
    ).count()


def _refuse(code, message, status=400):
    raise ApplicationError(code, message, status=status)


def _record_locked(record):
    """The quote or contract, row-locked, refused unless it still awaits signing:
    pending, and for a quote not past its validity."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    valid_until = getattr(record, "valid_until", None)
    if record.status != "pending" or (
        valid_until is not None and valid_until < timezone.localdate()
    ):
        _refuse("not_signable", _("Ce document n'est plus à signer."), 409)
    return record


@transaction.atomic
def signature_open(*, account, record, meta: dict) -> Signature:
    """Start signing a quote or contract of the account's client. The record's row
    lock makes two openings wait for each other."""
    record = _record_locked(record)
    field = record.category  # quote or contract, as the signature names it
    # Too many wrong codes lock the record itself for a day, not only the request:
    # opening a new one must not start the count again.
    if Signature.objects.filter(
        **{field: record},
        status=Signature.Status.LOCKED,
        events__step="locked",
        events__at__gte=timezone.now() - LOCK_PERIOD,
    ).exists():
        _refuse("locked", _("Trop de codes erronés : la signature est bloquée."), 423)
    terms = current_terms(record.agency)
    if terms is None:
        _refuse(
            "terms_missing",
            _("L'agence n'a pas encore publié ses conditions générales."),
            409,
        )
    document = record.document
    if document is None or not document.is_published:
        _refuse("not_signable", _("Ce document n'a pas de PDF à signer."), 409)
    signatures_cancel(record=record, reason="reopened")
    signature = Signature.objects.create(
        agency=record.agency,
        client=record.client,
        account=account,
        document_sha256=_stored_sha256(document.file),
        terms=terms,
        **{field: record},
    )
    evidence_append(
        signature=signature,
        step="opened",
        data={
            "document": {
                "type": field,
                "id": record.pk,
                "number": record.number,
                "title": record.title,
                "pdf_document_id": document.pk,
                "sha256": signature.document_sha256,
            },
            **_who(signature, meta),
        },
    )
    return signature


def signatures_cancel(*, record, reason: str) -> None:
    """Cancel the record's signatures in progress (a new one starts, or its PDF
    changed); the caller holds the record's row lock."""
    for previous in Signature.objects.select_for_update().filter(
        **{record.category: record}, status__in=ACTIVE
    ):
        previous.status = Signature.Status.CANCELLED
        previous.save(update_fields=["status"])
        evidence_append(signature=previous, step="cancelled", data={"reason": reason})


def _expire_if_due(signature_id: int) -> None:
    """Mark an outdated request expired, in its own transaction, so that the
    refusal that follows does not undo it."""
    with transaction.atomic():
        _locked(signature_id)


def _locked(signature_id: int) -> Signature:
    signature = (
        Signature.objects.select_for_update(of=("self",))
        .select_related("terms", "client", "agency", "quote", "contract")
        .get(pk=signature_id)
    )
    if signature.status in ACTIVE and timezone.now() - signature.created_at > MAX_AGE:
        signature.status = Signature.Status.EXPIRED
        signature.save(update_fields=["status"])
        evidence_append(signature=signature, step="expired", data={})
    return signature


@transaction.atomic
def signature_refresh(*, signature: Signature) -> Signature:
    """The signature as it stands, an outdated request marked expired."""
    return _locked(signature.pk)


def _must_be_active(signature: Signature) -> None:
    if signature.status == Signature.Status.LOCKED:
        _refuse("locked", _("Trop de codes erronés : la signature est bloquée."), 423)
    if signature.status not in ACTIVE:
        _refuse(
            "not_signable",
            _("Cette signature n'est plus en cours (%(status)s).")
            % {"status": signature.get_status_display()},
            409,
        )


def signature_accept_terms(
    *, signature: Signature, version: str, read_to_end: bool, meta: dict
) -> Signature:
    _expire_if_due(signature.pk)
    with transaction.atomic():
        signature = _locked(signature.pk)
        _must_be_active(signature)
        if signature.status != Signature.Status.OPENED:
            return signature  # already accepted: nothing more to record
        if version != signature.terms.version:
            _refuse(
                "terms_outdated",
                _("Ces conditions générales ne sont plus les dernières en vigueur."),
            )
        if not read_to_end:
            _refuse(
                "terms_not_read",
                _("Les conditions générales doivent être lues jusqu'au bout."),
            )
        terms = {
            "version": signature.terms.version,
            "sha256": signature.terms.sha256,
            "pdf_document_id": signature.terms.document_id,
        }
        evidence_append(
            signature=signature,
            step="terms_read",
            data={"terms": terms, "read_to_end": True, **_who(signature, meta)},
        )
        evidence_append(
            signature=signature,
            step="terms_accepted",
            data={
                "terms": terms,
                "consent": consent_text(signature),
                **_who(signature, meta),
            },
        )
        signature.status = Signature.Status.TERMS_ACCEPTED
        signature.save(update_fields=["status"])
        return signature


def signature_send_code(*, signature: Signature, meta: dict):
    """Send a new one-time code (the previous one dies); returns what was sent and
    when the code expires."""
    _expire_if_due(signature.pk)
    with transaction.atomic():
        signature = _locked(signature.pk)
        _must_be_active(signature)
        if signature.status == Signature.Status.OPENED:
            _refuse(
                "terms_not_accepted",
                _("Acceptez d'abord les conditions générales."),
                409,
            )
        now = timezone.now()
        if (
            signature.last_code_sent_at
            and now - signature.last_code_sent_at
            < settings.PORTAL_SIGNATURE_RESEND_DELAY
        ):
            wait = settings.PORTAL_SIGNATURE_RESEND_DELAY - (
                now - signature.last_code_sent_at
            )
            raise ApplicationError(
                "too_many_requests",
                _("Patientez une minute avant de demander un nouveau code."),
                status=429,
                retry_after=max(1, int(wait.total_seconds())),
            )
        # Per record, not per request: reopening must not give five more.
        record = signature.record
        sent_today = SignatureEvent.objects.filter(
            **{f"signature__{record.category}": record},
            step="code_sent",
            at__gte=now - timedelta(days=1),
        ).count()
        if sent_today >= settings.PORTAL_SIGNATURE_DAILY_CODES:
            raise ApplicationError(
                "too_many_requests",
                _("Nombre maximal de codes atteint pour aujourd'hui."),
                status=429,
                retry_after=24 * 3600,
            )
        code = new_code()
        try:
            sent = code_sender().send(signature=signature, code=code)
        except LookupError:
            _refuse(
                "no_contact",
                _(
                    "Aucune adresse connue pour vous envoyer le code : contactez "
                    "l'agence."
                ),
                409,
            )
        signature.code_digest = code_digest(signature.pk, code)
        signature.code_expires_at = now + settings.PORTAL_SIGNATURE_CODE_TTL
        # Wrong codes count for the request, whichever code they were meant for.
        signature.last_code_sent_at = now
        signature.status = Signature.Status.CODE_SENT
        signature.save()
        evidence_append(
            signature=signature,
            step="code_sent",
            data={
                "channel": sent.channel,
                "destination": sent.destination,
                "message_id": sent.message_id,
                "contact_source": sent.source,
                # Whose address it is: how the account's credentials were issued,
                # whether the client confirmed the address, and who changed it.
                "contact": account_contact_facts(account=signature.account),
                "expires_at": signature.code_expires_at.isoformat(),
                **_who(signature, meta),
            },
        )
        return sent, signature.code_expires_at


def signature_confirm(*, signature: Signature, code: str, meta: dict) -> Signature:
    """Check the code; a right one signs the record and has the PDF sealed."""
    from .tasks import seal_signature

    refusal = None
    _expire_if_due(signature.pk)
    with transaction.atomic():
        signature = _locked(signature.pk)
        _must_be_active(signature)
        if signature.status != Signature.Status.CODE_SENT:
            _refuse("no_code", _("Demandez d'abord un code."), 409)
        now = timezone.now()
        if now > signature.code_expires_at:
            _refuse("code_expired", _("Ce code a expiré : demandez-en un nouveau."))
        if code_matches(signature.pk, code.strip(), signature.code_digest):
            record = _record_locked(signature.record)
            if _stored_sha256(record.document.file) != signature.document_sha256:
                _refuse(
                    "not_signable",
                    _("Le document a changé depuis son ouverture : recommencez."),
                    409,
                )
            signature.status = Signature.Status.SIGNED
            signature.signed_at = now
            signature.code_digest = ""
            signature.save()
            evidence_append(
                signature=signature, step="code_verified", data=_who(signature, meta)
            )
            record.status = "signed"
            record.save(update_fields=["status"])
            transaction.on_commit(lambda: seal_signature.enqueue(signature.pk))
            return signature
        signature.code_attempts += 1
        # A record has one request in progress at a time (opening cancels the
        # others under the record's lock), so this request's lock is enough.
        attempt = _wrong_codes(signature.record, now - LOCK_PERIOD) + 1
        evidence_append(
            signature=signature,
            step="code_rejected",
            data={"attempt": attempt, **_who(signature, meta)},
        )
        if attempt >= settings.PORTAL_SIGNATURE_MAX_ATTEMPTS:
            signature.status = Signature.Status.LOCKED
            signature.code_digest = ""
            evidence_append(signature=signature, step="locked", data={})
            refusal = (
                "locked",
                _("Trop de codes erronés : la signature est bloquée."),
                423,
            )
        else:
            left = settings.PORTAL_SIGNATURE_MAX_ATTEMPTS - attempt
            refusal = (
                "invalid_code",
                ngettext(
                    "Code incorrect. Encore %(left)d essai avant le blocage de la "
                    "signature.",
                    "Code incorrect. Encore %(left)d essais avant le blocage de la "
                    "signature.",
                    left,
                )
                % {"left": left},
                400,
            )
        signature.save()
    # Outside the transaction: the attempt is saved, then refused.
    raise ApplicationError(refusal[0], refusal[1], status=refusal[2])


def signature_seal(*, signature: Signature) -> Signature:
    """Make the sealed PDF of a signed record and publish it to the client beside
    the original; then tell the agency's staff. Run by the task worker; running it
    again changes nothing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media.services import document_create

    from .notifications import signed_notify
    from .sealing import seal

    signature = Signature.objects.select_related(
        "agency", "client", "terms", "quote__document", "contract__document"
    ).get(pk=signature.pk)
    if signature.signed_document_id or signature.status != Signature.Status.SIGNED:
        return signature
    record = signature.record
    with record.document.file.open("rb") as stream:
        pdf = seal(signature, stream.read())
    with transaction.atomic():
        signature = _locked(signature.pk)
        if signature.signed_document_id:
            return signature
        document = document_create(
            agency=signature.agency,
            title=_("%(title)s — signé") % {"title": record.title},
            upload=SimpleUploadedFile(f"{record.number}-signe.pdf", pdf),
            owner=signature.client,
            category=record.category,
            year=record.issued_on.year,
            period=f"{record.issued_on:%Y-%m}",
            publish=True,
        )
        signature.signed_document = document
        signature.save(update_fields=["signed_document"])
        evidence_append(
            signature=signature,
            step="sealed",
            data={
                "signed_document_id": document.pk,
                "sha256": hashlib.sha256(pdf).hexdigest(),
            },
        )
        # Completed once sealed: the agency learns of the signed PDF it can fetch.
        domain_event_send(
            Signature,
            agency_id=signature.agency_id,
            type="signature.completed",
            data={
                "signature": signature.pk,
                "quote": signature.quote_id,
                "contract": signature.contract_id,
                "client": signature.client_id,
                "signed_document": document.pk,
            },
        )
        transaction.on_commit(lambda: signed_notify(signature=signature))
    return signature
