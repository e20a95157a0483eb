"""Writes for quotes, contracts and invoices: each record and its PDF, published to
the client as an individual document, land together or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from media.services import document_create, document_unpublish
from media.validation import validate_upload

from .models import BillingRecord

LOCKED_STATUSES = {"signed", "paid"}


def validate_pdf(upload) -> None:
    if validate_upload(upload) != "application/pdf":
        raise ValidationError(_("Le fichier doit être un PDF."), code="not_pdf")
    upload.seek(0)


def _attach_pdf(record: BillingRecord, upload, uploaded_by) -> None:
    validate_pdf(upload)
    previous = record.document
    record.document = document_create(
        agency=record.agency,
        title=f"{record._meta.verbose_name.capitalize()} {record.number}",
        upload=upload,
        owner=record.client,
        category=record.category,
        year=record.issued_on.year,
        period=f"{record.issued_on:%Y-%m}",
        publish=True,
        uploaded_by=uploaded_by,
    )
    if previous is not None:
        # The replaced PDF leaves the portal but stays in the admin's history, and
        # a signature under way was for the old one.
        document_unpublish(document=previous)
        if record.category in ("quote", "contract"):
            from .signatures import signatures_cancel

            signatures_cancel(record=record, reason="pdf_replaced")


@transaction.atomic
def billing_record_save(
    *, record: BillingRecord, upload=None, uploaded_by=None
) -> BillingRecord:
    """Create or change a record; a new PDF replaces the one on the portal. A
    signed or paid record keeps its PDF: it is what the client signed or paid."""
    if record.pk is not None and upload is not None:
        stored = type(record).objects.select_for_update().get(pk=record.pk)
        if stored.status in LOCKED_STATUSES:
            raise ValidationError(
                {"document": _("Le PDF d'un document signé ou payé ne change plus.")}
            )
    record.full_clean(exclude=["document"])
    if upload is not None:
        _attach_pdf(record, upload, uploaded_by)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def terms_publish(*, agency, version: str, upload, uploaded_by=None):
    """A new version of the agency's general terms: its PDF is published to the
    agency's clients, and new signatures ask for it."""
    import hashlib

    from .models import Terms

    if Terms.objects.filter(agency=agency, version=version).exists():
        raise ValidationError({"version": _("Cette version existe déjà.")})
    validate_pdf(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = document_create(
        agency=agency,
        title=_("Conditions générales — version %(version)s") % {"version": version},
        upload=upload,
        for_clients=True,
        category="resource",
        publish=True,
        uploaded_by=uploaded_by,
    )
    terms = Terms(agency=agency, version=version, document=document)
    terms.sha256 = digest.hexdigest()
    terms.full_clean()
    terms.save()
    return terms
