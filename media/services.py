"""Writes for documents: upload, publish, unpublish, share, delete."""

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.services import person_group_ensure

from .models import PortalDocument, PortalDocumentGroupObjectPermission
from .policies import PORTAL_VIEW
from .validation import safe_file_name, validate_upload


@transaction.atomic
def document_create(
    *,
    agency,
    title: str,
    upload,
    owner=None,
    for_clients: bool = False,
    for_intervenants: bool = False,
    category: str = "resource",
    year: int | None = None,
    period: str = "",
    publish: bool = False,
    uploaded_by=None,
) -> PortalDocument:
    """Store a validated file as an individual document (`owner`) or a collective one
    (`for_clients` / `for_intervenants`), in the agency's collection."""
    if owner is not None and owner.agency_id != agency.pk:
        raise ValidationError(_("Cette personne n'appartient pas à l'agence."))
    content_type = validate_upload(upload)
    upload.name = safe_file_name(upload.name, content_type)
    document = PortalDocument(
        agency=agency,
        collection=agency.collection,
        title=title,
        file=upload,
        content_type=content_type,
        for_clients=for_clients,
        for_intervenants=for_intervenants,
        category=category,
        year=year,
        period=period,
        uploaded_by_user=uploaded_by,
    )
    if owner is not None:
        setattr(document, owner.portal_kind, owner)
    if publish:
        document.is_published, document.published_at = True, timezone.now()
    document._set_document_file_metadata()  # size and hash, as Wagtail's own form does
    document.full_clean()
    document.save()
    return document


def document_publish(*, document: PortalDocument) -> PortalDocument:
    if not document.is_published:
        document.is_published, document.published_at = True, timezone.now()
        document.save(update_fields=["is_published", "published_at"])
    return document


def document_unpublish(*, document: PortalDocument) -> PortalDocument:
    """Hidden on every portal at once; kept in the admin."""
    document.is_published = False
    document.save(update_fields=["is_published"])
    return document


def _portal_view_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="media", codename=PORTAL_VIEW)


@transaction.atomic
def document_share(*, document: PortalDocument, person) -> None:
    """Let one more person (of the document's agency) see the document."""
    if person.agency_id != document.agency_id:
        raise ValidationError(_("Cette personne n'appartient pas à l'agence."))
    PortalDocumentGroupObjectPermission.objects.get_or_create(
        group=person_group_ensure(person=person),
        permission=_portal_view_permission(),
        content_object=document,
    )


def document_unshare(*, document: PortalDocument, person) -> None:
    if person.group_id:
        PortalDocumentGroupObjectPermission.objects.filter(
            group_id=person.group_id, content_object=document
        ).delete()


def document_delete(*, document: PortalDocument) -> None:
    """The row goes now; the file once the transaction has committed (signals.py)."""
    document.delete()
