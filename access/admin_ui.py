"""Admin building blocks for a person's record: the panel and tab other apps' tabs
use, the Portail panel and the list column."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .formatting import format_agency_datetime


class AdminPage(WagtailAdminTemplateMixin):
    """A page of the admin of its own (not a model's listing or form), titled in
    Wagtail's header: Wagtail shows the last breadcrumb as the page's visible title,
    so without one of its own the page would read « Accueil »."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def person_edit_url(person) -> str:
    return reverse(type(person).snippet_viewset.get_url_name("edit"), args=[person.pk])


class AdminTitleMixin:
    """For WagtailAdminTemplateMixin views: "Titre : sous-titre", with the space
    French puts before a colon."""

    def get_header_title(self):
        title, subtitle = self.get_page_title(), self.get_page_subtitle()
        if not subtitle:
            return title
        return gettext("%(title)s : %(subtitle)s") % {
            "title": title,
            "subtitle": subtitle,
        }


def person_breadcrumbs(person, current) -> list[dict]:
    """Breadcrumbs of a page about one person (generate an account, upload a file):
    Wagtail shows the last item as the page's visible title, so staff see whose
    record they are working on."""
    model = type(person)
    return [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {
            "url": reverse(model.snippet_viewset.get_url_name("list")),
            "label": capfirst(model._meta.verbose_name_plural),
        },
        {"url": person_edit_url(person), "label": str(person)},
        {"url": "", "label": current},
    ]


class PersonPanel(Panel):
    """A read-only section of a person's record, shown once the person exists; its
    template reads the bound panel as `self`."""

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        @property
        def kind(self):
            return self.instance.portal_kind

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["self"] = self
            return context


@dataclass(frozen=True)
class PersonTab:
    """A tab another app adds to a person's record, showing one PersonPanel.

    Registered as is with the `register_person_tabs` hook, which calls it with the
    person model. `url(person)` opens the record on this tab: Wagtail opens the tab
    holding the element its URL's fragment names, `#person-<key>`, which the
    panel's template sets."""

    key: str
    heading: str
    panel: type[PersonPanel]

    def url(self, person) -> str:
        return f"{person_edit_url(person)}#person-{self.key}"

    def __call__(self, model) -> ObjectList:
        return ObjectList([self.panel()], heading=self.heading)


class PortalAccountsPanel(PersonPanel):
    """The person's portal accounts, with generate, regenerate and delete."""

    class BoundPanel(PersonPanel.BoundPanel):
        template_name = "access/admin/accounts_panel.html"

        @property
        def module_on(self):
            return self.instance.agency.module_enabled(self.kind)

        @property
        def accounts(self):
            """Each account with its last sign-in on the agency's clock."""
            agency = self.instance.agency
            return [
                (account, format_agency_datetime(account.last_login, agency))
                for account in self.instance.accounts.order_by("pk")
            ]


class PortalStatusColumn(Column):
    """Green when the person has a portal account, neutral otherwise. The list's
    queryset annotates `account_count`, so the column costs no query per row."""

    cell_template_name = "access/admin/portal_status_cell.html"

    def __init__(self):
        super().__init__("portal", label=_("Portail"), accessor="account_count")


class YesNoColumn(Column):
    """A yes/no field as a tick or a cross with "Oui" / "Non" beside it (Wagtail's
    BooleanColumn tells screen readers "True" or "False"); sortable."""

    cell_template_name = "access/admin/yes_no_cell.html"

    def __init__(self, name, label=None, **kwargs):
        super().__init__(name, label=label, sort_key=name, **kwargs)


class AgencyTimeColumn(Column):
    """A moment of the row on its agency's clock, `04/12/2026 08:00`; sortable. The
    list's queryset selects the agency with the row."""

    def __init__(self, name, label=None, **kwargs):
        super().__init__(name, label=label, sort_key=name, **kwargs)

    def get_value(self, instance):
        return format_agency_datetime(getattr(instance, self.name), instance.agency)
