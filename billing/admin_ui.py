"""How the billing admin speaks: each model's own French wording (Wagtail's generic
"Ajouter un(e) %(model)s" and "Le(la) ... créé(e)" never show), list columns in
euros, Oui/Non and agency time, and deletions refused politely when a signature
or payment holds the row."""

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, IndexView

from access.admin_scoping import (
    ScopedDeleteBulkAction,
    ScopedDeleteView,
    ScopedEditView,
    ScopedSnippetViewSet,
)
from access.admin_wording import Wording as BaseWording

from .money import format_amount


@dataclass(frozen=True)
class Wording(BaseWording):
    """What the admin says about one model: the shared sentences (add, created,
    updated, deleted, error) and the billing admin's others. `%(object)s` is the
    row's short name (a record's number, a terms' version)."""

    new: str = ""  # the add page's title: "Nouvelle facture"
    not_created: str = ""
    confirm_delete: str = ""
    protected: str = ""  # deletion refused: a signature or payment holds the row
    deleted_many: str = ""  # ngettext_lazy with a "count" key
    confirm_delete_many: str = ""  # ngettext_lazy with a "count" key

    def about(self, message, instance) -> str:
        return message % {"object": short_name(instance)}


def short_name(instance) -> str:
    for attribute in ("number", "version"):
        if getattr(instance, attribute, None):
            return getattr(instance, attribute)
    return str(instance)


class WordedIndexView(IndexView):
    wording = None

    @cached_property
    def add_item_label(self):
        return self.wording.add


class WordedCreateView(CreateView):
    wording = None

    def get_page_subtitle(self):
        return self.wording.new

    def get_header_title(self):
        return self.wording.new

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[-1] = {**items[-1], "label": self.wording.new}
        return items

    def get_success_message(self, instance=None):
        return self.wording.about(self.wording.created, instance or self.object)

    def get_error_message(self):
        if self.expects_json_response:
            return super().get_error_message()
        return self.wording.not_created


class WordedEditView(ScopedEditView):
    wording = None

    def get_success_message(self, instance=None):
        return self.wording.about(self.wording.updated, instance or self.object)

    def get_error_message(self):
        if self.expects_json_response:
            return super().get_error_message()
        return self.wording.error


class WordedDeleteView(ScopedDeleteView):
    wording = None

    @property
    def confirmation_message(self):
        return self.wording.about(self.wording.confirm_delete, self.object)

    def get_success_message(self):
        return self.wording.about(self.wording.deleted, self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            messages.error(
                self.request, self.wording.about(self.wording.protected, self.object)
            )
            return redirect(self.index_url_name)


class WordedSnippetViewSet(ScopedSnippetViewSet):
    """A scoped snippet admin whose views say its `wording` with each row's short
    name, and no "used N times" (nothing links to billing rows through Wagtail's
    references)."""

    wording: Wording | None = None
    index_view_class = WordedIndexView
    add_view_class = WordedCreateView
    edit_view_class = WordedEditView
    delete_view_class = WordedDeleteView

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(wording=self.wording, **kwargs)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(wording=self.wording, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(wording=self.wording, **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(wording=self.wording, **kwargs)


class WordedDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk deletion in each model's words. Rows a signature or payment holds are
    named, and Wagtail then deletes nothing (its reference index knows them); any
    such row it missed is kept, and named too."""

    template_name = "billing/admin/confirm_bulk_delete.html"

    @property
    def wording(self) -> Wording:
        return self.model.snippet_viewset.wording

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = context["items"]
        context["protected"] = [
            self.wording.about(self.wording.protected, row["item"])
            for row in items
            if row.get("is_protected")
        ]
        if len(items) == 1:
            context["confirmation"] = self.wording.about(
                self.wording.confirm_delete, items[0]["item"]
            )
        else:
            context["confirmation"] = self.wording.confirm_delete_many % {
                "count": len(items)
            }
        return context

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        action = kwargs["self"]
        deleted, action.kept = 0, []
        for instance in objects:
            try:
                with transaction.atomic():
                    instance.delete()
            except (ProtectedError, RestrictedError):
                action.kept.append(instance)
            else:
                deleted += 1
        return deleted, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        for instance in self.kept:
            messages.error(
                self.request, self.wording.about(self.wording.protected, instance)
            )
        if not num_parent_objects:
            return None
        return self.wording.deleted_many % {"count": num_parent_objects}


def amount_column(name, label):
    """`125,50 €` from a field in cents, sortable."""
    return Column(
        name,
        label=label,
        accessor=lambda row: format_amount(getattr(row, name), row.currency),
        sort_key=name,
    )
