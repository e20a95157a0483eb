"""Wagtail's documents admin (/admin/documents/) for the portals' documents.

Staff publish collective documents there, while every person's invoices and
payslips live in the same model: the listing shows each document's portal, person,
category, period and state, filters on them, and opens on the collective documents.

Wagtail 8 offers no viewset for the documents admin (nor a setting or hook for its
listing), so these are Wagtail's own documents views with the generic views'
documented attributes set (`filterset_class`, `columns`, `get_base_queryset`,
`add_url_name`, titles), served at Wagtail's addresses by a `register_admin_urls`
hook that comes first (wagtail_hooks.py). Wagtail's edit, delete, multiple upload
and bulk actions stay as they are.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.documents.views.documents import (
    CreateView,
    DocumentsFilterSet,
    IndexView,
)

from access.admin_tags import StaffPopularTagsMixin
from access.models import Client, Intervenant

from .models import Category, PortalDocument

SCOPE_CHOICES = [
    ("collective", _("Collectifs")),
    ("individual", _("Individuels")),
    ("all", _("Tous")),
]
AUDIENCE_CHOICES = [("clients", _("Clients")), ("intervenants", _("Intervenants"))]
PUBLISHED_CHOICES = [("yes", _("Publiés")), ("no", _("Non publiés"))]


def collective(queryset):
    return queryset.filter(client__isnull=True, intervenant__isnull=True)


def individual(queryset):
    return queryset.filter(Q(client__isnull=False) | Q(intervenant__isnull=False))


def radio_filter(label, choices, **kwargs):
    """A filter offering its few choices as radio buttons, all in view at once."""
    return django_filters.ChoiceFilter(
        label=label, choices=choices, widget=forms.RadioSelect, **kwargs
    )


class PortalDocumentFilterSet(StaffPopularTagsMixin, DocumentsFilterSet):
    """Type (collective by default), portal, category, state and person.

    With no type chosen the list shows the collective documents, unless staff are
    searching or looking for a person's documents: then it shows every document."""

    scope = radio_filter(
        _("Type"), SCOPE_CHOICES, empty_label=None, method="filter_scope"
    )
    audience = radio_filter(
        _("Portail"), AUDIENCE_CHOICES, empty_label=_("Tous"), method="filter_audience"
    )
    category = radio_filter(_("Catégorie"), Category.choices, empty_label=_("Toutes"))
    published = radio_filter(
        _("Publication"),
        PUBLISHED_CHOICES,
        empty_label=_("Tous"),
        method="filter_published",
    )
    person = django_filters.CharFilter(
        label=_("Personne"),
        method="filter_person",
        help_text=_("Nom ou prénom d'un client ou d'un intervenant."),
    )

    class Meta:
        model = PortalDocument
        fields = []

    def __init__(self, data=None, queryset=None, *, is_searching=None, **kwargs):
        data = data.copy() if data is not None else None
        default_scope = (
            "all"
            if is_searching or (data and data.get("person", "").strip())
            else "collective"
        )
        if data is not None and not data.get("scope"):
            data["scope"] = default_scope
        super().__init__(data, queryset, is_searching=is_searching, **kwargs)
        # The default type is not an active filter: no "remove" tag for it.
        self.filters["scope"].extra["initial"] = default_scope
        # Usage in pages does not apply to portal documents.
        self.filters.pop("usage_count", None)

    def filter_scope(self, queryset, name, value):
        if value == "collective":
            return collective(queryset)
        if value == "individual":
            return individual(queryset)
        return queryset

    def filter_audience(self, queryset, name, value):
        if value == "clients":
            return queryset.filter(Q(for_clients=True) | Q(client__isnull=False))
        return queryset.filter(Q(for_intervenants=True) | Q(intervenant__isnull=False))

    def filter_published(self, queryset, name, value):
        return queryset.filter(is_published=value == "yes")

    def filter_person(self, queryset, name, value):
        # By ids (one subquery per kind): the search backend filters only on the
        # document's own fields.
        words = value.split()
        if not words:
            return queryset
        rule = Q()
        for model, field in ((Client, "client"), (Intervenant, "intervenant")):
            people = model.objects.all()
            for word in words:
                people = people.filter(
                    Q(first_name__icontains=word) | Q(last_name__icontains=word)
                )
            rule |= Q(**{f"{field}__in": people.values("pk")})
        return queryset.filter(rule)


class PersonColumn(Column):
    """The person of an individual document, linked to their record; "Tous" for a
    collective document."""

    cell_template_name = "media/admin/person_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        from .admin_ui import DOCUMENTS_TAB

        context = super().get_cell_context_data(instance, parent_context)
        owner = instance.owner
        context["person"] = owner
        context["url"] = DOCUMENTS_TAB.url(owner) if owner else ""
        return context


class PortalDocumentIndexView(IndexView):
    filterset_class = PortalDocumentFilterSet
    # One document at a time, with its portals and publication on the same form
    # (the multiple upload stores unpublished documents without a portal).
    add_url_name = "wagtaildocs:add"
    add_item_label = _("Nouveau document collectif")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("client", "intervenant")

    @cached_property
    def columns(self):
        wagtail_columns = [
            column
            for column in super().columns
            if column.name not in ("filename", "usage_count", "created_at")
        ]
        ours = [
            Column("audience", label=_("Portail"), accessor="audience_label"),
            PersonColumn("person", label=_("Personne")),
            Column(
                "category",
                label=_("Catégorie"),
                accessor="get_category_display",
                sort_key="category",
            ),
            Column("period", label=_("Période"), accessor="period_label"),
            StatusTagColumn(
                "is_published",
                label=_("Publication"),
                accessor=lambda document: (
                    _("Publié") if document.is_published else _("Non publié")
                ),
                primary=lambda document: document.is_published,
                sort_key="is_published",
            ),
            DateColumn("created_at", label=_("Ajouté"), sort_key="created_at"),
        ]
        title_at = next(
            i for i, column in enumerate(wagtail_columns) if column.name == "title"
        )
        return wagtail_columns[: title_at + 1] + ours + wagtail_columns[title_at + 1 :]


class PortalDocumentCreateView(CreateView):
    """A collective document (individual ones are added from the person's record)."""

    page_title = _("Nouveau document collectif")

    def get_page_subtitle(self):
        return ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtaildocs:index"), "label": _("Documents")},
            {"url": "", "label": self.get_page_title()},
        ]
