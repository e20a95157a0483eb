"""Admin screens for the agency's people, each scoped to the staff member's agencies."""

from functools import partial

import django_filters
from django.db.models import Count
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_bulk import (
    WAGTAIL_BULK_ACTIONS,
    AnySnippetDeleteBulkAction,
    ScopedDeleteBulkAction,
)
from .admin_paths import listing_paths
from .admin_scoping import ScopedSnippetViewSet
from .admin_tags import ImageIndexView, image_chooser
from .admin_ui import PortalAccountsPanel, PortalStatusColumn
from .admin_wording import Wording
from .forms import AgencyScopedForm
from .models import Agency, Client, Intervenant, SenderAddress
from .policies import AgencyScopedPermissionPolicy
from .staff_scope import staff_rows

register_permission_policy(Client, AgencyScopedPermissionPolicy(Client))
register_permission_policy(Intervenant, AgencyScopedPermissionPolicy(Intervenant))
register_permission_policy(SenderAddress, AgencyScopedPermissionPolicy(SenderAddress))


def _staff_agencies(request):
    return staff_rows(Agency, request.user)


class PersonFilterSet(WagtailFilterSet):
    """The agency filter offers only the user's agencies, never another's name."""

    agency = django_filters.ModelChoiceFilter(
        queryset=_staff_agencies, label=_("agence")
    )


class ClientFilterSet(PersonFilterSet):
    class Meta:
        model = Client
        fields = ["agency"]


class IntervenantFilterSet(PersonFilterSet):
    class Meta:
        model = Intervenant
        fields = ["agency"]


PERSON_PANELS = [
    PortalAccountsPanel(heading=_("Portail")),
    FieldPanel("agency"),
    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    MultiFieldPanel(
        [
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        ],
        heading=_("Adresse"),
    ),
    FieldPanel("external_ref"),
]


class PersonViewSet(ScopedSnippetViewSet):
    """Clients and intervenants of the staff member's agencies: every view, the
    chooser included, reads `get_queryset` (ScopedSnippetViewSet)."""

    # In their own menu (people_menu below): the list (`list_menu_label`), then
    # the creation of portals, under the viewset's label, icon and order.
    add_to_admin_menu = False
    list_menu_label = ""
    list_display = [
        "last_name",
        "first_name",
        "email",
        "phone",
        "external_ref",
        PortalStatusColumn(),
    ]
    search_fields = ["first_name", "last_name", "email", "external_ref"]
    related = ("agency",)

    def get_edit_handler(self):
        # Other apps add tabs to a person's record (documents, planning...) through
        # the register_person_tabs hook, so that this app imports none of them.
        tabs = [ObjectList(PERSON_PANELS, heading=_("Fiche"))]
        tabs += [
            make_tab(self.model) for make_tab in hooks.get_hooks("register_person_tabs")
        ]
        return TabbedInterface(tabs, base_form_class=AgencyScopedForm).bind_to_model(
            self.model
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(account_count=Count("accounts"))


# What clients' and intervenants' pages say alike: both edit a person's "fiche".
PersonWording = partial(
    Wording,
    updated=_("La fiche de « %(object)s » a été enregistrée."),
    error=_("La fiche n'a pas pu être enregistrée : corrigez les erreurs."),
)


class ClientViewSet(PersonViewSet):
    model = Client
    wording = PersonWording(
        add=_("Ajouter un client"),
        created=_("Le client « %(object)s » a été créé."),
        deleted=_("Le client « %(object)s » a été supprimé."),
    )
    filterset_class = ClientFilterSet
    icon = "group"
    menu_label = _("Clients")
    list_menu_label = _("Liste des clients")
    menu_order = 200


class IntervenantViewSet(PersonViewSet):
    model = Intervenant
    wording = PersonWording(
        add=_("Ajouter un intervenant"),
        created=_("L'intervenant « %(object)s » a été créé."),
        deleted=_("L'intervenant « %(object)s » a été supprimé."),
    )
    filterset_class = IntervenantFilterSet
    icon = "user"
    menu_label = _("Intervenants")
    list_menu_label = _("Liste des intervenants")
    menu_order = 210


register_snippet(ClientViewSet)
register_snippet(IntervenantViewSet)


class SenderAddressViewSet(ScopedSnippetViewSet):
    """The addresses the agency's portal e-mails leave from (credentials,
    invitations, signature codes); staff manage their own agency's."""

    model = SenderAddress
    icon = "mail"
    menu_label = _("Expéditeurs")
    menu_name = "sender_addresses"
    menu_order = 900
    add_to_admin_menu = True
    related = ("agency",)
    ordering = ["agency__name", "sort_order", "email"]
    list_display = ["email", "display_name", "agency"]
    search_fields = ["email", "display_name"]
    wording = Wording(
        add=_("Ajouter une adresse d'expédition"),
        created=_("L'adresse « %(object)s » a été ajoutée."),
        updated=_("L'adresse « %(object)s » a été enregistrée."),
        deleted=_("L'adresse « %(object)s » a été supprimée."),
        error=_("L'adresse n'a pas pu être enregistrée : corrigez les erreurs."),
    )
    edit_handler = ObjectList(
        [FieldPanel("agency"), FieldPanel("email"), FieldPanel("display_name")],
        base_form_class=AgencyScopedForm,
    )


register_snippet(SenderAddressViewSet)


# Bulk actions after Wagtail's own registrations (order 0), so that these win:
# every one of them is scoped (access.admin_bulk).
class PeopleDeleteBulkAction(ScopedDeleteBulkAction):
    models = [Client, Intervenant, SenderAddress]


for action_class in [*WAGTAIL_BULK_ACTIONS, AnySnippetDeleteBulkAction]:
    hooks.register("register_bulk_action", action_class, order=1)
hooks.register("register_bulk_action", PeopleDeleteBulkAction, order=1)


class PeopleMenuItem(MenuItem):
    """Shown to whoever may manage that kind of person."""

    def __init__(self, label, url, model, **kwargs):
        super().__init__(label, url, **kwargs)
        self.model = model

    def is_shown(self, request):
        return policy_registry.get_by_type(self.model).user_has_any_permission(
            request.user, ["change", "view"]
        )


def people_menu(model):
    kind, viewset = model.portal_kind, model.snippet_viewset
    return SubmenuMenuItem(
        viewset.menu_label,
        Menu(
            items=[
                PeopleMenuItem(
                    viewset.list_menu_label,
                    reverse(viewset.get_url_name("list")),
                    model,
                    icon_name=viewset.icon,
                    order=1,
                ),
                PeopleMenuItem(
                    _("Création de portails"),
                    reverse("access_admin:batch_new", args=[kind]),
                    model,
                    icon_name="key",
                    order=2,
                ),
            ]
        ),
        icon_name=viewset.icon,
        name=f"{kind}s",
        order=viewset.menu_order,
    )


for person_model in (Client, Intervenant):
    hooks.register("register_admin_menu_item", partial(people_menu, person_model))


@hooks.register("insert_global_admin_css")
def portail_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("access/admin.css"))


@hooks.register("register_admin_urls", order=-1)
def images_listing_urls():
    """Wagtail's images listing (wagtailimages:index and its results) and image
    chooser at their own addresses, their tags scoped (access.admin_tags): this hook
    runs before Wagtail's, so its patterns match first."""
    return [
        *listing_paths("images/", ImageIndexView, "staff_images"),
        path(
            f"{image_chooser.url_prefix}/",
            image_chooser.choose_view,
            name="staff_image_chooser",
        ),
    ]


@hooks.register("register_admin_urls")
def portal_account_urls():
    return [path("portail/", include("access.admin_urls"))]


@hooks.register("before_edit_user")
def note_who_edits_the_account(request, user):
    # The users admin saves the account itself: an e-mail change it makes is
    # recorded by User.save (access.services.contact), which names this author.
    user.contact_changed_by = request.user
