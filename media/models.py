"""The documents published on the portals (a Wagtail custom document)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase
from wagtail.documents.models import AbstractDocument, Document

from access.models import Agency, Client, Intervenant


class Category(models.TextChoices):
    QUOTE = "quote", _("Devis")
    CONTRACT = "contract", _("Contrat")
    INVOICE = "invoice", _("Facture")
    TAX_CERTIFICATE = "tax_certificate", _("Attestation fiscale")
    CAF_CERTIFICATE = "caf_certificate", _("Attestation CAF")
    PAYSLIP = "payslip", _("Bulletin de salaire")
    RESOURCE = "resource", _("Ressource")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_agency(self, agency):
        return self.filter(agency=agency)


class PortalDocument(AbstractDocument):
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
    for_clients = models.BooleanField(_("Publier sur le portail"), default=False)
    for_intervenants = models.BooleanField(
        _("Publier sur le portail intervenant"), default=False
    )
    category = models.CharField(
        _("catégorie"),
        max_length=20,
        choices=Category.choices,
        default=Category.RESOURCE,
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    period = models.CharField(
        _("période"), max_length=30, blank=True, help_text=_("Par exemple 2026-10.")
    )
    is_published = models.BooleanField(_("publié"), default=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    admin_form_fields = Document.admin_form_fields + (
        "for_clients",
        "for_intervenants",
        "category",
        "year",
        "period",
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("view_portal_document", "Can see the document on a portal")]
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

    @property
    def owner(self):
        return self.client or self.intervenant

    @property
    def scope(self) -> str:
        return "individual" if self.client_id or self.intervenant_id else "collective"


class PortalDocumentGroupObjectPermission(GroupObjectPermissionBase):
    """Explicit shares of a document with a person's group (django-guardian, direct
    foreign key so that the grant lookup is one indexed query)."""

    content_object = models.ForeignKey(PortalDocument, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False
