"""The documents published on the portals (a Wagtail custom document)."""

from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class PortalDocument(AbstractDocument):
    """A file staff publish to one person or to an agency's portals.

    Publication fields arrive with document publishing; the model is the
    installation's WAGTAILDOCS_DOCUMENT_MODEL from the first migration.
    """

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
