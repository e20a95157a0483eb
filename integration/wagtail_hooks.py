from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.widgets.button import HeaderButton

from access.admin_scoping import AgencyStaffMenuItem

from .admin_imports import can_import, import_menu_items
from .imports import KINDS


@hooks.register("register_admin_urls")
def integration_urls():
    return [path("integrations/", include("integration.admin_urls"))]


# The Intégrations submenu: label, admin view (integration_admin), name, icon.
INTEGRATION_PAGES = [
    (_("Clés d'API"), "keys", "api-keys", "key"),
    (_("Webhooks"), "webhooks", "webhooks", "link"),
]


@hooks.register("register_admin_menu_item")
def integrations_menu():
    # In the main menu: agency staff do not see Wagtail's settings menu.
    items = [
        AgencyStaffMenuItem(
            label,
            reverse(f"integration_admin:{view}"),
            name=name,
            icon_name=icon,
            order=order,
        )
        for order, (label, view, name, icon) in enumerate(INTEGRATION_PAGES, 1)
    ]
    return SubmenuMenuItem(
        _("Intégrations"),
        Menu(items=items),
        name="integrations",
        icon_name="cogs",
        order=900,
    )


@hooks.register("register_index_header_buttons")
def import_button(view):
    """*Importer* beside *Ajouter* on the list of each kind staff can import, for
    those who may add and change its rows."""
    kind = next((k for k, spec in KINDS.items() if spec.model is view.model), None)
    if kind is None or not can_import(view.request.user, kind):
        return []
    return [
        HeaderButton(
            _("Importer"),
            url=reverse("integration_admin:import", args=[kind]),
            icon_name="upload",
            priority=1010,  # after « Ajouter » (1000)
        )
    ]


hooks.register("construct_main_menu", import_menu_items)
