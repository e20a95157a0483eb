"""Admin for agencies (superusers) and the portal page's address write-through."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from access.admin_forms import TimeZoneSelect
from access.admin_scoping import AgencyChooserViewSet
from access.admin_ui import YesNoColumn
from access.admin_wording import WordedCreateView, WordedViewSetMixin, Wording
from access.models import Agency
from access.services import portal_identity_update
from access.staff_scope import staff_rows, staff_rows_by_agency

from .models import AgencyFolderPage, PortalPage
from .services import agency_setup


class AgencyCreateView(WordedCreateView):
    def save_instance(self):
        with transaction.atomic():
            agency = super().save_instance()
            return agency_setup(agency=agency)


class AgencyViewSet(WordedViewSetMixin, SnippetViewSet):
    model = Agency
    wording = Wording(
        add=_("Ajouter une agence"),
        created=_("L'agence « %(object)s » a été créée, avec ses deux portails."),
        updated=_("L'agence « %(object)s » a été enregistrée."),
        deleted=_("L'agence « %(object)s » a été supprimée."),
        error=_("L'agence n'a pas pu être enregistrée : corrigez les erreurs."),
    )
    icon = "site"
    menu_label = _("Agences")
    menu_order = 190
    add_to_admin_menu = True
    add_view_class = AgencyCreateView
    chooser_viewset_class = AgencyChooserViewSet
    copy_view_enabled = False
    list_display = [
        "name",
        "slug",
        "plan",
        YesNoColumn("client_module", label=_("Extranet client")),
        YesNoColumn("intervenant_module", label=_("Extranet intervenant")),
    ]
    search_fields = ["name", "slug"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("plan"),
            FieldPanel("account_delivery"),
            FieldPanel("time_zone", widget=TimeZoneSelect),
            FieldRowPanel(
                [FieldPanel("client_module"), FieldPanel("intervenant_module")]
            ),
            InlinePanel(
                "sender_addresses",
                heading=_("Adresses d'expédition"),
                label=_("Adresse"),
            ),
        ]
    )


register_snippet(AgencyViewSet)


@hooks.register("after_edit_page")
def save_portal_identity(request, page):
    """The key and host name are the portal's identity, not page content: they are
    validated by the page form and applied on every successful save."""
    if isinstance(page.specific_deferred, PortalPage) and "portal_key" in request.POST:
        portal_identity_update(
            portal=page.specific.portal,
            # Cleaned as the form's SlugField cleaned it: a pasted key keeps no spaces.
            key=request.POST["portal_key"].strip(),
            hostname=request.POST.get("portal_hostname"),
        )


@hooks.register("construct_page_chooser_queryset")
def only_own_agency_pages(pages, request):
    """Staff choose among their agency's pages only; other agencies' names stay
    hidden."""
    if request.user.is_superuser:
        return pages
    folders = staff_rows_by_agency(AgencyFolderPage, request.user)
    allowed = Page.objects.none()
    for folder in folders:
        allowed = allowed | Page.objects.descendant_of(folder, inclusive=True)
    return pages.filter(pk__in=allowed.values("pk"))


# Wagtail menus that agency staff have no use for: the page tree (their portals are
# under *Portails*), snippets (each model has its own menu), reports and help.
STAFF_HIDDEN_MENUS = {"explorer", "snippets", "reports", "help", "settings"}


@hooks.register("construct_main_menu")
def agency_staff_menu(request, menu_items):
    """Staff of an agency see the menus of their daily work, and *Portails* opens
    each portal's configuration directly."""
    if request.user.is_superuser:
        return
    menu_items[:] = [item for item in menu_items if item.name not in STAFF_HIDDEN_MENUS]
    several = staff_rows(Agency, request.user).count() > 1
    pages = (
        staff_rows_by_agency(PortalPage, request.user, "portal__agency")
        .select_related("portal__agency")
        .order_by("portal__agency__name", "portal__kind")
    )
    items = [
        MenuItem(
            portal_menu_label(page, several=several),
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            name=f"portal-{page.portal.key}",
            icon_name="globe" if page.portal.kind == "client" else "user",
            order=index,
        )
        for index, page in enumerate(pages)
    ]
    if items:
        menu_items.append(
            SubmenuMenuItem(
                _("Portails"),
                Menu(items=items),
                name="portails",
                icon_name="globe",
                order=195,
            )
        )


@hooks.register("construct_homepage_summary_items")
def no_page_count_for_agency_staff(request, items):
    # Their pages are the two portals, reached from *Portails*.
    if not request.user.is_superuser:
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]


def portal_menu_label(page, *, several: bool) -> str:
    label = PORTAL_LABELS[page.portal.kind]
    return f"{label} — {page.portal.agency.name}" if several else str(label)


PORTAL_LABELS = {
    "client": _("Portail clients"),
    "intervenant": _("Portail intervenants"),
}
