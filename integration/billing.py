"""Quotes, contracts and invoices written by the agency's software, by their
numbers, through the admin's service (billing_record_save: the record and its PDF,
published to the client, together or not at all). A signed quote or contract, a
paid invoice no longer change (423 `locked`)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.models import Client
from billing.models import Contract, Invoice, Quote
from billing.services import billing_record_save, pdf_locked
from media.locks import document_is_locked
from media.services import document_unpublish

from .documents import as_locked, forget_file, person_by_ref, upload_hash
from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

KINDS = {"quotes": Quote, "contracts": Contract, "invoices": Invoice}


def _locked_message(kind, *, deletion=False):
    return {
        ("quotes", False): _("Ce devis est signé : il ne peut plus être modifié."),
        ("contracts", False): _("Ce contrat est signé : il ne peut plus être modifié."),
        ("invoices", False): _(
            "Cette facture est payée : elle ne peut plus être modifiée."
        ),
        ("quotes", True): _("Ce devis est signé : il ne peut pas être supprimé."),
        ("contracts", True): _("Ce contrat est signé : il ne peut pas être supprimé."),
        ("invoices", True): _(
            "Cette facture est payée : elle ne peut pas être supprimée."
        ),
    }[kind, deletion]


def _protected_message(kind):
    return {
        "quotes": _(
            "Une signature est rattachée à ce devis : il ne peut pas être "
            "supprimé. Passez-le au statut « refused » ou « expired »."
        ),
        "contracts": _(
            "Une signature est rattachée à ce contrat : il ne peut pas être "
            "supprimé. Passez-le au statut « ended »."
        ),
        "invoices": _(
            "Un paiement est rattaché à cette facture : elle ne peut pas être "
            "supprimée. Passez-la au statut « cancelled »."
        ),
    }[kind]


def record_is_locked(record) -> bool:
    """Signed or paid by its status, or by a signature or a payment (the lock of
    its PDF, billing/locks.py)."""
    return pdf_locked(record, for_update=True) or (
        record.document_id is not None and document_is_locked(record.document)
    )


def _values(agency, kind, values: dict) -> dict:
    values = {
        **values,
        "client": person_by_ref(Client, agency, "client", values["client"]),
    }
    if kind == "invoices" and values.get("amount_due_cents") is None:
        # As the admin's form: the whole amount for an invoice to pay, else 0.
        pending = values.get("status", "pending") == Invoice.Status.PENDING
        values["amount_due_cents"] = values["amount_cents"] if pending else 0
    return values


def _save(record, upload):
    try:
        return billing_record_save(record=record, upload=upload)
    except ValidationError as error:
        error = as_locked(error, "pdf")
        if isinstance(error, ValidationError) and "document" in error.error_dict:
            error = ValidationError(
                {
                    ("pdf" if name == "document" else name): errors
                    for name, errors in error.error_dict.items()
                }
            )
        raise error from None


@once_more_on_conflict
@transaction.atomic
def billing_upsert(*, agency, kind: str, number: str, values: dict, upload=None):
    """(record, result). `values["client"]`: the client's reference; `upload`: the
    PDF, required to create, optional after (the same content: no new PDF)."""
    model = KINDS[kind]
    values = _values(agency, kind, values)
    record = (
        # The record alone: its PDF is a nullable join, which PostgreSQL does not lock.
        model.objects.select_for_update(of=("self",))
        .select_related("document")
        .filter(agency=agency, number=number)
        .first()
    )
    if record is None:
        if upload is None:
            raise ValidationError(
                {"pdf": _("Le PDF est obligatoire pour créer cet élément.")}
            )
        record = model(agency=agency, number=number, **values)
        try:
            return _save(record, upload), CREATED
        except IntegrityError:
            # Another request made this number meanwhile (once_more_on_conflict
            # runs again): the PDF stored for the rolled-back row goes.
            forget_file(record.document)
            raise
    new_pdf = upload is not None and (
        record.document is None or upload_hash(upload) != record.document.file_hash
    )
    changed = {n: v for n, v in values.items() if getattr(record, n) != v}
    if not changed and not new_pdf:
        return record, UNCHANGED
    if record_is_locked(record):
        raise ApplicationError("locked", _locked_message(kind), status=423)
    for name, value in changed.items():
        setattr(record, name, value)
    return _save(record, upload if new_pdf else None), UPDATED


@transaction.atomic
def billing_delete(*, agency, kind: str, number: str) -> bool:
    """Deletes the record as the admin does, and takes its PDF off the client's
    portal (kept in the admin, like a replaced PDF). Refused when signed or paid
    (423 `locked`), or when a signature or a payment refers to it (409
    `protected`: change its status instead). False when no record has this
    number."""
    record = (
        KINDS[kind]
        .objects.select_for_update(of=("self",))
        .select_related("document")
        .filter(agency=agency, number=number)
        .first()
    )
    if record is None:
        return False
    if record_is_locked(record):
        raise ApplicationError(
            "locked", _locked_message(kind, deletion=True), status=423
        )
    document = record.document
    try:
        with transaction.atomic():
            record.delete()
    except ProtectedError as error:
        raise ApplicationError(
            "protected", _protected_message(kind), status=409
        ) from error
    if document is not None:
        document_unpublish(document=document)
    return True


def records_for_agency(*, agency, kind: str):
    """The agency's quotes, contracts or invoices, with their client and PDF."""
    return (
        KINDS[kind]
        .objects.filter(agency=agency)
        .select_related("client", "document")
        .order_by("pk")
    )
