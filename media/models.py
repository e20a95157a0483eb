"""The documents published on the portals (a Wagtail custom document)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from access.models import Agency, Client, Intervenant, TracksUpdates

from .locks import refuse_locked_change, refuse_locked_deletion, refuse_locked_update
from .storage import private_storage


class Category(models.TextChoices):
    QUOTE = "quote", _("Devis")
    CONTRACT = "contract", _("Contrat")
    INVOICE = "invoice", _("Facture")
    TAX_CERTIFICATE = "tax_certificate", _("Attestation fiscale")
    CAF_CERTIFICATE = "caf_certificate", _("Attestation CAF")
    PAYSLIP = "payslip", _("Bulletin de salaire")
    RESOURCE = "resource", _("Ressource")


# The categories that fit each kind of document: a client receives no payslip, an
# intervenant no invoice, quote, contract or certificate; a collective document is
# a resource (business documents are tied to their person).
CATEGORIES_OF_KIND = {
    "client": [
        Category.QUOTE,
        Category.CONTRACT,
        Category.INVOICE,
        Category.TAX_CERTIFICATE,
        Category.CAF_CERTIFICATE,
        Category.RESOURCE,
    ],
    "intervenant": [Category.PAYSLIP, Category.RESOURCE],
    "collective": [Category.RESOURCE],
}


MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})")

CATEGORY_ERRORS = {
    "client": _(
        "Cette catégorie ne convient pas à un client (pas de bulletin de salaire)."
    ),
    "intervenant": _(
        "Cette catégorie ne convient pas à un intervenant : bulletin de salaire "
        "ou ressource."
    ),
    "collective": _(
        "Un document collectif est une ressource : factures, devis, contrats, "
        "attestations et bulletins de salaire sont propres à une personne."
    ),
}


def category_choices(kind: str) -> list[tuple[str, str]]:
    """(value, label) of the categories a document of this kind ("client",
    "intervenant" or "collective") may have."""
    return [(category.value, category.label) for category in CATEGORIES_OF_KIND[kind]]


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_agency(self, agency):
        return self.filter(agency=agency)

    # Bulk paths (Wagtail's bulk delete, scripts) keep the locks too (locks.py).
    def delete(self):
        refuse_locked_deletion(self)
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def update(self, **values):
        refuse_locked_update(self, values)
        # A change, even in bulk, is one the agency's reconciliation must see.
        values.setdefault("updated_at", timezone.now())
        return super().update(**values)

    update.alters_data = True


class PortalDocument(TracksUpdates, AbstractDocument):
    """A file staff publish to one person (individual) or to every client and/or
    intervenant of the agency (collective). Unpublished documents stay in the admin
    and show on no portal."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="documents",
        null=True,
        verbose_name=_("agence"),
    )
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("client"),
    )
    intervenant = models.ForeignKey(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("intervenant"),
    )
    for_clients = models.BooleanField(_("portail clients"), default=False)
    for_intervenants = models.BooleanField(_("portail intervenants"), default=False)
    category = models.CharField(
        _("catégorie"),
        max_length=20,
        choices=Category.choices,
        default=Category.RESOURCE,
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    period = models.CharField(
        _("période"),
        max_length=30,
        blank=True,
        help_text=_("Un mois sous la forme 2026-10, ou laissez vide."),
    )
    # Payslips, invoices and the like live in a storage that no web server serves
    # by path (settings.STORAGES["private"]): they only leave through a checked
    # download (downloads.py).
    file = models.FileField(
        upload_to="documents",
        storage=private_storage,
        verbose_name=_("fichier"),
    )
    is_published = models.BooleanField(_("publié"), default=False)
    published_at = models.DateTimeField(_("date de publication"), null=True, blank=True)
    content_type = models.CharField(
        _("type de fichier"), max_length=100, blank=True, editable=False
    )

    objects = DocumentQuerySet.as_manager()

    admin_form_fields = Document.admin_form_fields + (
        "for_clients",
        "for_intervenants",
        "category",
        "year",
        "period",
    )

    # The documents admin filters on these while searching (Wagtail's database
    # search backend only filters on declared fields).
    search_fields = AbstractDocument.search_fields + [
        index.FilterField("agency"),
        index.FilterField("client"),
        index.FilterField("intervenant"),
        index.FilterField("for_clients"),
        index.FilterField("for_intervenants"),
        index.FilterField("category"),
        index.FilterField("is_published"),
    ]

    class Meta(AbstractDocument.Meta):
        # A context of our own: Wagtail's catalogue turns a bare "document" into
        # "Document".
        verbose_name = pgettext_lazy("modèle", "document")
        verbose_name_plural = pgettext_lazy("modèle", "documents")
        permissions = [("view_portal_document", "Peut voir le document sur un portail")]
        constraints = [
            models.CheckConstraint(
                condition=Q(client__isnull=True) | Q(intervenant__isnull=True),
                name="document_has_at_most_one_owner",
            ),
            models.CheckConstraint(
                condition=(Q(client__isnull=True) & Q(intervenant__isnull=True))
                | (Q(for_clients=False) & Q(for_intervenants=False)),
                name="individual_document_has_no_audience",
            ),
        ]
        # One index per branch of the portal rule (DESIGN.md, "Who sees which
        # document"): owner, then each agency audience, all newest first.
        indexes = [
            models.Index(
                fields=["client", "-published_at", "-id"],
                name="doc_client_owner",
                condition=Q(is_published=True, client__isnull=False),
            ),
            models.Index(
                fields=["intervenant", "-published_at", "-id"],
                name="doc_intervenant_owner",
                condition=Q(is_published=True, intervenant__isnull=False),
            ),
            models.Index(
                fields=["agency", "-published_at", "-id"],
                name="doc_clients_audience",
                condition=Q(is_published=True, for_clients=True),
            ),
            models.Index(
                fields=["agency", "-published_at", "-id"],
                name="doc_intervenants_audience",
                condition=Q(is_published=True, for_intervenants=True),
            ),
        ]

    def clean(self):
        super().clean()
        kind = self.kind
        if self.category and self.category not in CATEGORIES_OF_KIND[kind]:
            raise ValidationError({"category": CATEGORY_ERRORS[kind]})
        refuse_locked_change(self)

    def save(self, *args, **kwargs):
        refuse_locked_change(self, fields=kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        # Before Django's collector, whose ProtectedError would say less.
        refuse_locked_deletion(type(self)._base_manager.filter(pk=self.pk))
        return super().delete(*args, **kwargs)

    delete.alters_data = True

    @property
    def owner(self):
        return self.client or self.intervenant

    @property
    def scope(self) -> str:
        return "individual" if self.client_id or self.intervenant_id else "collective"

    @property
    def kind(self) -> str:
        """ "client" or "intervenant" for an individual document, else "collective"."""
        if self.client_id:
            return "client"
        if self.intervenant_id:
            return "intervenant"
        return "collective"

    @property
    def period_label(self) -> str:
        """The period once: "novembre 2026" for 2026-11, else the period as typed,
        else the year."""
        match = MONTH.fullmatch(self.period.strip())
        if match:
            year, month = int(match["year"]), int(match["month"])
            if 1 <= month <= 12:
                return formats.date_format(date(year, month, 1), "F Y")
        if self.period:
            return self.period
        return str(self.year) if self.year else ""

    @property
    def audience_label(self) -> str:
        """Which portal shows the document."""
        clients = self.for_clients or self.client_id is not None
        intervenants = self.for_intervenants or self.intervenant_id is not None
        if clients and intervenants:
            return str(_("Clients et intervenants"))
        if clients:
            return str(_("Clients"))
        if intervenants:
            return str(_("Intervenants"))
        return str(_("Aucun"))


class PortalDocumentGroupObjectPermission(GroupObjectPermissionBase):
    """Explicit shares of a document with a person's group (django-guardian, direct
    foreign key so that the grant lookup is one indexed query)."""

    content_object = models.ForeignKey(PortalDocument, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False
