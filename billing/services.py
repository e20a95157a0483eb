"""Writes for quotes, contracts and invoices: each record and its PDF, published to
the client as an individual document, land together or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from media.services import document_create, document_unpublish
from media.validation import validate_upload

from .models import BillingRecord

LOCKED_STATUSES = {"signed", "paid"}
PDF_LOCKED = _lazy("Le PDF d'un document signé ou payé ne change plus.")


def pdf_locked(record: BillingRecord, *, for_update: bool = False) -> bool:
    """A signed or paid record keeps its PDF: it is what the client signed or paid.
    The stored status counts, whatever a form has changed on the instance; with
    `for_update`, the row stays locked until the transaction ends."""
    if record.pk is None:
        return False
    rows = type(record).objects.filter(pk=record.pk)
    if for_update:
        rows = rows.select_for_update()
    return rows.values_list("status", flat=True).get() in LOCKED_STATUSES


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
    """Create or change a record; a new PDF replaces the one on the portal, unless
    the record is signed or paid."""
    if upload is not None and pdf_locked(record, for_update=True):
        raise ValidationError({"document": PDF_LOCKED})
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
    from .evidence import file_sha256
    from .models import Terms

    if Terms.objects.filter(agency=agency, version=version).exists():
        raise ValidationError({"version": _("Cette version existe déjà.")})
    validate_pdf(upload)
    sha256 = file_sha256(upload)
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
    terms.sha256 = sha256
    terms.full_clean()
    terms.save()
    return terms
