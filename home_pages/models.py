"""Wagtail pages: one folder per agency, holding each portal's configuration page."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page

from access.models import Agency, Portal

from .forms import PortalPageForm
from .menu import section_keys
from .references import foreign_reference_errors

PLANNING_KINDS = ("interventions", "availabilities", "absences")
PLANNING_ACTIONS = ("view", "create", "change", "delete")
WRITE_ACTIONS = {"create", "change", "delete"}
WRITE_NEEDS_WEEK_OR_MONTH = _(
    "Pour autoriser la création, la modification ou la suppression, "
    "le planning par défaut doit être Semaine ou Mois."
)


def portal_url_parts(portal: Portal):
    """Wagtail's (site id, root URL, path) for a portal's public address."""
    address = urlsplit(portal.address)
    return (None, f"{address.scheme}://{address.netloc}", address.path or "/")


class AgencyFolderPage(Page):
    """The agency's branch of the page tree; staff permissions are granted on it."""

    agency = models.OneToOneField(
        Agency, on_delete=models.PROTECT, related_name="folder_page", editable=False
    )

    is_creatable = False
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home_pages.PortalPage"]

    class Meta:
        verbose_name = _("dossier d'agence")

    def get_url_parts(self, request=None):
        # No page of the tree is served as HTML; the folder stands for the agency's
        # client portal, so that the admin does not warn that it has no site.
        portal = self.agency.portals.filter(kind=Portal.Kind.CLIENT).first()
        return portal_url_parts(portal) if portal else None


class PortalPage(Page):
    """What one portal shows: its home page, menu, planning rights, extra links and
    logo.

    Staff edit it like any page (drafts, revisions, scheduled publishing); the API
    serves the published version.
    """

    class HomeMode(models.TextChoices):
        URL = "url", _("URL externe")
        HTML = "html", _("Page HTML")
        MESSAGE = "message", _("Message d'accueil")

    class PlanningView(models.TextChoices):
        DAY = "day", _("Jour")
        WEEK = "week", _("Semaine")
        MONTH = "month", _("Mois")
        LIST = "list", _("Liste")

    portal = models.OneToOneField(
        Portal, on_delete=models.PROTECT, related_name="page", editable=False
    )
    home_mode = models.CharField(
        _("page à afficher sur l'accueil"),
        max_length=10,
        choices=HomeMode.choices,
        default=HomeMode.MESSAGE,
    )
    home_url = models.URLField(_("URL externe"), blank=True)
    home_body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("Titre"), form_classname="title")),
            ("paragraph", blocks.RichTextBlock(label=_("Paragraphe"))),
            ("image", ImageChooserBlock(label=_("Image"))),
        ],
        blank=True,
        verbose_name=_("page HTML"),
    )
    home_message = models.TextField(_("message d'accueil"), blank=True)
    menu_sections = models.JSONField(_("rubriques du menu"), default=list, blank=True)
    planning_default_view = models.CharField(
        _("planning par défaut"),
        max_length=10,
        choices=PlanningView.choices,
        default=PlanningView.WEEK,
    )
    planning_interventions = models.JSONField(
        _("plages d'intervention"), default=list, blank=True
    )
    planning_availabilities = models.JSONField(
        _("disponibilités"), default=list, blank=True
    )
    planning_absences = models.JSONField(_("absences"), default=list, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    home_panels = [
        FieldPanel("title"),
        FieldPanel("home_mode"),
        FieldPanel("home_url"),
        FieldPanel("home_body"),
        FieldPanel("home_message"),
    ]
    menu_panels = [FieldPanel("menu_sections")]
    planning_panels = [
        FieldPanel("planning_default_view"),
        HelpPanel(
            content=_(
                "Pour donner accès à la création, la modification ou la suppression, "
                "le planning par défaut doit être Semaine ou Mois."
            )
        ),
        FieldPanel("planning_interventions"),
        FieldPanel("planning_availabilities"),
        FieldPanel("planning_absences"),
    ]
    links_panels = [InlinePanel("extra_links", label=_("Lien"))]
    portal_panels = [
        FieldPanel("portal_key"),
        FieldPanel("portal_hostname"),
        FieldPanel("logo"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(home_panels, heading=_("Accueil")),
            ObjectList(menu_panels, heading=_("Menu")),
            ObjectList(planning_panels, heading=_("Planning")),
            ObjectList(links_panels, heading=_("Menu supplémentaire")),
            ObjectList(portal_panels, heading=_("Adresse et logo")),
        ]
    )
    base_form_class = PortalPageForm

    is_creatable = False
    parent_page_types = ["home_pages.AgencyFolderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("portail")
        verbose_name_plural = _("portails")

    @property
    def kind(self) -> str:
        return self.portal.kind

    @property
    def address(self) -> str:
        return self.portal.address

    def get_url_parts(self, request=None):
        # Headless: the page's "live" address is its portal's, where people sign in.
        return portal_url_parts(self.portal)

    def planning_actions(self) -> dict[str, list[str]]:
        return {
            kind: list(getattr(self, f"planning_{kind}")) for kind in PLANNING_KINDS
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.home_mode == self.HomeMode.URL and not self.home_url:
            errors["home_url"] = _("Indiquez l'adresse de la page d'accueil.")
        if self.home_mode == self.HomeMode.MESSAGE and not self.home_message.strip():
            errors["home_message"] = _("Saisissez le message d'accueil.")
        unknown = set(self.menu_sections) - section_keys(self.kind)
        if unknown:
            errors["menu_sections"] = _("Rubriques inconnues : %s") % ", ".join(
                sorted(unknown)
            )
        for kind in PLANNING_KINDS:
            actions = getattr(self, f"planning_{kind}")
            if set(actions) - set(PLANNING_ACTIONS):
                errors[f"planning_{kind}"] = _("Action inconnue.")
            elif set(actions) & WRITE_ACTIONS and self.planning_default_view not in (
                self.PlanningView.WEEK,
                self.PlanningView.MONTH,
            ):
                errors.setdefault("planning_default_view", WRITE_NEEDS_WEEK_OR_MONTH)
        # Only the agency's own images, documents and pages, whatever id is posted.
        errors.update(foreign_reference_errors(self, self.portal.agency))
        if errors:
            raise ValidationError(errors)

    def serve(self, request, *args, **kwargs):
        # Headless: portals are read through the API, never rendered as pages.
        from django.http import Http404

        raise Http404

    def serve_preview(self, request, mode_name):
        from django.template.response import TemplateResponse

        return TemplateResponse(
            request, "home_pages/portal_page_preview.html", {"page": self}
        )


class PortalLink(Orderable):
    """An extra menu entry: a name and a URL that may carry the person's identifiers."""

    page = ParentalKey(PortalPage, on_delete=models.CASCADE, related_name="extra_links")
    name = models.CharField(_("nom"), max_length=100)
    url = models.CharField(
        _("URL"),
        max_length=1000,
        help_text=_(
            "Paramètres possibles : {client_id} ou {intervenant_id}, {external_ref}, "
            "{agency}."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("lien du menu supplémentaire")
