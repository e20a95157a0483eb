"""Documents written by the agency's software, by its references: stored through
the media services and upload checks the admin uses (size, sniffed type, Pillow's
guard, a safe name); the locks of signed, paid or sealed documents apply."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.utils.file import hash_filelike

from access.errors import ApplicationError
from access.models import Client, Intervenant
from media.models import PortalDocument
from media.services import document_create, document_delete
from media.validation import safe_file_name, validate_upload

from .models import DocumentRef
from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

# What a PUT says of a document besides its file, as the document holds it.
FIELDS = (
    "title",
    "client",
    "intervenant",
    "for_clients",
    "for_intervenants",
    "category",
    "year",
    "period",
    "is_published",
)


def upload_hash(upload) -> str:
    """The file's SHA-1, as Wagtail stores it on the document (file_hash)."""
    upload.seek(0)
    digest = hash_filelike(upload)
    upload.seek(0)
    return digest


def person_by_ref(model, agency, field, ref):
    if not ref:
        return None
    person = model.objects.filter(agency=agency, external_ref=ref).first()
    if person is None:
        raise ValidationError(
            {field: _("Aucune fiche n'a la référence « %(ref)s ».") % {"ref": ref}}
        )
    return person


def _codes(error: ValidationError) -> set:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def as_locked(error: ValidationError, field: str):
    """A locked document's refusal (media.locks) as the API's 423 `locked`, as
    the portal API answers what can no longer change; a file's errors under the
    file's field; any other error as it is."""
    if "document_locked" in _codes(error):
        return ApplicationError("locked", error.messages[0], status=423)
    if not hasattr(error, "error_dict"):
        return ValidationError({field: error.error_list})
    return error


def _values(agency, values: dict) -> dict:
    return {
        **{name: values[name] for name in FIELDS if name in values},
        "client": person_by_ref(Client, agency, "client", values.get("client")),
        "intervenant": person_by_ref(
            Intervenant, agency, "intervenant", values.get("intervenant")
        ),
    }


def _create(agency, link, values, upload):
    if upload is None:
        raise ValidationError(
            {"file": _("Le fichier est obligatoire pour créer un document.")}
        )
    # The reference's own rules (its length) before the file is stored.
    link.full_clean(exclude=["document"], validate_constraints=False)
    document = document_create(
        agency=agency,
        title=values["title"],
        upload=upload,
        owner=values["client"] or values["intervenant"],
        for_clients=values.get("for_clients", False),
        for_intervenants=values.get("for_intervenants", False),
        category=values.get("category", "resource"),
        year=values.get("year"),
        period=values.get("period", ""),
        publish=values.get("is_published", True),
    )
    link.document = document
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        # Another request made this reference meanwhile: this file, whose row
        # rolls back, would stay in the storage for nothing.
        forget_file(document)
        raise
    return document


def forget_file(document) -> None:
    if document is not None and document.file.name:
        document.file.storage.delete(document.file.name)


def _replace_file(document, upload) -> None:
    """The new file, checked as every upload is; the old one leaves the storage
    once the change is committed (as Wagtail's edit view does)."""
    content_type = validate_upload(upload)
    upload.name = safe_file_name(upload.name, content_type)
    old = document.file.storage, document.file.name
    document.file, document.content_type = upload, content_type
    document._set_document_file_metadata()
    transaction.on_commit(lambda: old[0].delete(old[1]))


@once_more_on_conflict
@transaction.atomic
def document_upsert(*, agency, external_ref: str, values: dict, upload=None):
    """(document, result). `values["client"]` / `["intervenant"]`: the owner's
    reference (none: a collective document, seen by its audiences); `upload`: the
    file, which may be left out of an update. The same fields and a file of the
    same content: unchanged, nothing written."""
    values = _values(agency, values)
    link = (
        DocumentRef.objects.select_for_update()
        .select_related("document")
        .filter(agency=agency, external_ref=external_ref)
        .first()
    )
    try:
        if link is None:
            link = DocumentRef(agency=agency, external_ref=external_ref)
            return _create(agency, link, values, upload), CREATED
        document = link.document
        new_file = upload is not None and upload_hash(upload) != document.file_hash
        changed = {n: v for n, v in values.items() if getattr(document, n) != v}
        if not changed and not new_file:
            return document, UNCHANGED
        for name, value in changed.items():
            setattr(document, name, value)
        if changed.get("is_published"):
            document.published_at = timezone.now()
        if new_file:
            _replace_file(document, upload)
        document.full_clean()
        document.save()
        return document, UPDATED
    except ValidationError as error:
        raise as_locked(error, "file") from error


def document_delete_by_ref(*, agency, external_ref: str) -> bool:
    """Deletes the document as the admin does (its file once committed); a signed,
    paid or sealed one is refused (423). False when no document has this ref."""
    document = PortalDocument.objects.filter(
        agency=agency, external__agency=agency, external__external_ref=external_ref
    ).first()
    if document is None:
        return False
    try:
        with transaction.atomic():
            document_delete(document=document)
    except ValidationError as error:
        raise as_locked(error, "file") from error
    return True


def documents_for_agency(*, agency):
    """The agency's documents, with their people and their reference."""
    return PortalDocument.objects.filter(agency=agency).select_related(
        "client", "intervenant", "external"
    )
