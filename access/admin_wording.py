"""What the admin says about each model, in natural French: Wagtail builds its
sentences from verbose names ("Ajouter un(e) %s", "%s « x » créé(e)."), so each
snippet viewset names its `wording` and its list, add, edit and delete pages and
its bulk deletion say those sentences instead. The one mechanism of every app's
admin (people, agencies, billing, planning)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
)

from .admin_bulk import ScopedDeleteBulkAction
from .admin_ui import AdminTitleMixin


@dataclass(frozen=True)
class Wording:
    """A model's sentences; an empty one leaves Wagtail's own. In a sentence,
    `%(object)s` is the row as `describe` names it (planning's sentences say
    `%(item)s`: `placeholder`), `%(count)s` the number of rows."""

    add: str = ""  # the list's button: "Ajouter une facture"
    new: str = ""  # the add page's title: "Nouvelle facture"
    created: str = ""  # "La facture %(object)s a été créée."
    updated: str = ""  # "La facture %(object)s a été modifiée."
    deleted: str = ""  # "La facture %(object)s a été supprimée."
    error: str = ""  # a form refused: "La facture n'a pas pu être enregistrée…"
    not_created: str = ""  # an add form refused, where it says more than `error`
    confirm_delete: str = ""  # "Voulez-vous vraiment supprimer la facture F-1 ?"
    protected: str = ""  # deletion refused: a signature or payment holds the row
    empty: str = ""  # the list without rows
    no_match: str = ""  # the list without rows for this search or filter
    deleted_many: str = ""  # ngettext_lazy with a "count" key
    confirm_delete_many: str = ""  # ngettext_lazy with a "count" key
    describe: Callable[[object], str] = str
    placeholder: str = "object"

    def about(self, message, instance) -> str:
        return message % {self.placeholder: self.describe(instance)}


class WordedViewMixin(AdminTitleMixin):
    """A view of a worded viewset: `wording` comes from the viewset."""

    wording: Wording | None = None

    def worded(self, name: str) -> str:
        return getattr(self.wording, name) if self.wording else ""

    def about(self, name: str, instance) -> str:
        message = self.worded(name)
        return self.wording.about(message, instance) if message else ""


class WordedIndexView(WordedViewMixin, IndexView):
    @cached_property
    def header_buttons(self):
        # Other apps add their buttons beside « Ajouter » (the imports, say)
        # through this hook, so that this app imports none of them.
        buttons = list(super().header_buttons)
        for make_buttons in hooks.get_hooks("register_index_header_buttons"):
            buttons += make_buttons(self)
        return buttons

    @property
    def add_item_label(self):
        return self.worded("add") or super().add_item_label

    @property
    def no_results_message(self):
        searched = self.is_searching or self.is_filtering
        message = self.worded("no_match" if searched else "empty")
        return message or super().no_results_message


class WordedFormMixin(WordedViewMixin):
    """The add and edit pages' messages: the row's name once saved, the form's
    error otherwise."""

    error_name = "error"

    def get_error_message(self):
        message = self.worded(self.error_name) or self.worded("error")
        if self.expects_json_response or not message:
            return super().get_error_message()
        return message


class WordedCreateView(WordedFormMixin, CreateView):
    error_name = "not_created"

    def get_page_title(self):
        return self.worded("new") or super().get_page_title()

    def get_page_subtitle(self):
        return self.worded("new") or super().get_page_subtitle()

    def get_header_title(self):
        return self.worded("new") or super().get_header_title()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if self.worded("new"):
            items[-1] = {**items[-1], "label": self.worded("new")}
        return items

    def get_success_message(self, instance):
        return self.about("created", instance) or super().get_success_message(instance)


class WordedEditView(WordedFormMixin, EditView):
    def get_success_message(self):
        return self.about("updated", self.object) or super().get_success_message()


class WordedDeleteView(WordedViewMixin, DeleteView):
    @property
    def confirmation_message(self):
        return self.about("confirm_delete", self.object) or (
            super().confirmation_message
        )

    def get_success_message(self):
        return self.about("deleted", self.object) or super().get_success_message()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            if not self.worded("protected"):
                raise
            messages.error(self.request, self.about("protected", self.object))
            return redirect(self.index_url_name)


class WordedViewSetMixin:
    """For a SnippetViewSet: its list, add, edit and delete pages say `wording`."""

    wording: Wording | None = None
    index_view_class = WordedIndexView
    add_view_class = WordedCreateView
    edit_view_class = WordedEditView
    delete_view_class = WordedDeleteView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(wording=self.wording, **kwargs)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(wording=self.wording, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(wording=self.wording, **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(wording=self.wording, **kwargs)


class WordedDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk deletion in each model's words (its snippet viewset's `wording`). Rows
    something holds are named, and Wagtail then deletes nothing (its reference
    index knows them); any such row it missed is kept, and named too."""

    template_name = "access/admin/confirm_bulk_delete.html"

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
