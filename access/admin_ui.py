"""Admin building blocks for portal accounts: the person's Portail panel and the
list column."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column


class PortalAccountsPanel(Panel):
    """On a person's record: their portal accounts, with generate, regenerate and
    delete."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "access/admin/accounts_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        @property
        def kind(self):
            return self.instance.portal_kind

        @property
        def module_on(self):
            return self.instance.agency.module_enabled(self.kind)

        @property
        def accounts(self):
            return list(self.instance.accounts.order_by("pk"))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["self"] = self
            return context


class PortalStatusColumn(Column):
    """Green when the person has a portal account, neutral otherwise. The list's
    queryset annotates `account_count`, so the column costs no query per row."""

    cell_template_name = "access/admin/portal_status_cell.html"

    def __init__(self):
        super().__init__("portal", label=_("Portail"), accessor="account_count")
