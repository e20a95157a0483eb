"""Locked documents: once something relies on a document (a signed quote, a paid
invoice, a version of the general terms, a sealed PDF), its file, its person and who
sees it never change again, and it is never deleted.

The rule lives here; what locks a document lives in the apps that rely on it
(billing registers its records in its AppConfig.ready), so that media imports none
of them."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

# Each returns a queryset of the ids of the documents it locks (for example
# `Quote.objects.filter(status="signed").values("document")`), used as a subquery.
_lockers: list[Callable[[], QuerySet]] = []

# What may not change on a locked document: its file, its person, who sees it.
LOCKED_FIELDS = (
    "file",
    "agency_id",
    "client_id",
    "intervenant_id",
    "for_clients",
    "for_intervenants",
    "is_published",
)

CHANGE_REFUSED = _(
    "Ce document est signé, payé, scellé ou fait partie de conditions générales "
    "publiées : son fichier, sa personne et sa publication ne changent plus."
)
DELETION_REFUSED = _(
    "Ce document est signé, payé, scellé ou fait partie de conditions générales "
    "publiées : il ne peut pas être supprimé."
)


def register_document_locker(locker: Callable[[], QuerySet]) -> None:
    """Lock the documents whose ids `locker()` returns (a values queryset)."""
    if locker not in _lockers:
        _lockers.append(locker)


def locked_documents(documents: QuerySet) -> QuerySet:
    """Those of `documents` that something locks."""
    if not _lockers:
        return documents.none()
    rule = Q()
    for locker in _lockers:
        rule |= Q(pk__in=locker())
    return documents.filter(rule)


def document_is_locked(document) -> bool:
    if document.pk is None:
        return False
    return locked_documents(
        type(document)._base_manager.filter(pk=document.pk)
    ).exists()


def _forbidden_change(stored: dict, document) -> bool:
    for field in LOCKED_FIELDS:
        new = getattr(document, field)
        if field == "file":
            new = new.name if new else ""
        if new == stored[field]:
            continue
        if field == "is_published" and new:
            continue  # publishing again hides nothing
        return True
    return False


def refuse_locked_change(document, *, fields=None) -> None:
    """Raise if this save would change what a locked document keeps (`fields`: the
    update_fields of the save, if any)."""
    if document.pk is None or (
        fields is not None
        and not {name.removesuffix("_id") for name in LOCKED_FIELDS}
        & {name.removesuffix("_id") for name in fields}
    ):
        return
    stored = (
        type(document)
        ._base_manager.filter(pk=document.pk)
        .values(*LOCKED_FIELDS)
        .first()
    )
    if stored is None or not _forbidden_change(stored, document):
        return
    if document_is_locked(document):
        raise ValidationError(CHANGE_REFUSED, code="document_locked")


def refuse_locked_update(documents: QuerySet, values: dict) -> None:
    """Raise if a queryset update would change what a locked document keeps."""
    touched = {name.removesuffix("_id") for name in values}
    if values.get("is_published") is True:
        touched.discard("is_published")
    if touched & {name.removesuffix("_id") for name in LOCKED_FIELDS} and (
        locked_documents(documents).exists()
    ):
        raise ValidationError(CHANGE_REFUSED, code="document_locked")


def refuse_locked_deletion(documents: QuerySet) -> None:
    if locked_documents(documents).exists():
        raise ValidationError(DELETION_REFUSED, code="document_locked")
