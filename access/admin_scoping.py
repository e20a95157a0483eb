"""Admin views that only ever reach the staff member's agency's rows: a foreign id
is a 404, lists and choosers show nothing of another agency. For any model whose
registered permission policy is agency-scoped (access.policies); the rows come from
access.staff_scope."""

from functools import reduce
from operator import or_

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import (
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from .admin_bulk import ScopedDeleteBulkAction  # noqa: F401  (used by other apps)
from .admin_wording import WordedDeleteView, WordedEditView, WordedViewSetMixin
from .models import Agency
from .staff_scope import staff_rows, staff_rows_with_permission

# A row staff may change or view is one to list, inspect or trace the history of.
LIST_ACTIONS = ("change", "view")


class ScopedObjectMixin:
    """Looks objects up among the user's agency's rows: another agency's id is a 404."""

    def get_queryset(self):
        return staff_rows_with_permission(
            self.model, self.request.user, [self.permission_required]
        )


class ScopedEditView(ScopedObjectMixin, WordedEditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, WordedDeleteView):
    pass


class ScopedBaseObjectMixin:
    """The same 404 for views whose own queryset is a listing (history, usage)."""

    def get_base_object_queryset(self):
        rows = staff_rows_with_permission(self.model, self.request.user, LIST_ACTIONS)
        return super().get_base_object_queryset().filter(pk__in=rows.values("pk"))


class ScopedInspectView(InspectView):
    def get_object(self, queryset=None):
        rows = staff_rows_with_permission(self.model, self.request.user, LIST_ACTIONS)
        return get_object_or_404(rows, pk=unquote(str(self.pk)))


class ScopedHistoryView(ScopedBaseObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class FieldSearchFilterForm(BaseFilterForm):
    """A chooser's search box for models outside the search index: every word must
    appear in one of `search_fields` (the snippet viewset's)."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Nom, e-mail, référence…")}),
    )
    search_fields: tuple[str, ...] = ()

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        for word in query.split():
            objects = objects.filter(
                reduce(
                    or_, (Q(**{f"{f}__icontains": word}) for f in self.search_fields)
                )
            )
        if query:
            self.is_searching, self.search_query = True, query
        return objects


def viewset_rows(model, request):
    """The rows the model's snippet admin lists to this user."""
    return model.snippet_viewset.get_queryset(request)


class ScopedChooserMixin:
    def get_object_list(self):
        return viewset_rows(self.model_class, self.request)

    def get_filter_form_class(self):
        fields = getattr(self.model_class.snippet_viewset, "search_fields", None)
        if fields:
            return type(
                "FilterForm", (FieldSearchFilterForm,), {"search_fields": tuple(fields)}
            )
        return super().get_filter_form_class()


class ScopedChooseView(ScopedChooserMixin, chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, chooser.ChooseResultsView):
    pass


class ScopedChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return viewset_rows(self.model_class, self.request).get(pk=pk)


class ScopedChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return viewset_rows(self.model_class, self.request).filter(pk__in=pks)


class ChooserCreateOff(chooser.SnippetCreateView):
    """Choosers only choose: people, records and agencies are created from their own
    admin screens, with their checks. (Wagtail's chooser form is not configured for
    them, so a POST here used to fail with a 500.)"""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ChooseOnlyChooserViewSet(chooser.SnippetChooserViewSet):
    create_view_class = ChooserCreateOff


class ScopedChooserViewSet(ChooseOnlyChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ViewsetScopedMixin:
    """A view of a ScopedSnippetViewSet: the object it works on must be among the
    viewset's `get_queryset` rows, whichever view class a viewset sets."""

    scoped_queryset = None  # the viewset's get_queryset(request)

    def get_object(self, *args, **kwargs):
        if self.pk_url_kwarg not in self.kwargs:  # a new object
            return super().get_object(*args, **kwargs)
        # Looked up among the user's rows before Wagtail fetches anything.
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        try:
            found = self.scoped_queryset(self.request).filter(pk=pk).exists()
        except (ValueError, ValidationError):
            found = False
        if not found:
            raise Http404
        return super().get_object(*args, **kwargs)


class ScopedSnippetViewSet(WordedViewSetMixin, SnippetViewSet):
    """A snippet admin that lists, edits, deletes and chooses only the rows of the
    staff member's agencies; `related` names what each row of the list shows, and
    `wording` (access.admin_wording) the sentences its views say.

    Scoped by construction: the list and the chooser read `get_queryset`, and
    every other view (edit, delete, inspect, history, usage, revisions...) is
    built with ViewsetScopedMixin, so another agency's id is a 404 on each."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False
    inspect_view_enabled = False
    # False where nothing refers to the rows through Wagtail's references: their
    # pages then say no "référencé(e) 0 fois".
    usage_shown = True
    related = ()

    def get_queryset(self, request):
        rows = staff_rows_with_permission(self.model, request.user, LIST_ACTIONS)
        return rows.select_related(*self.related)

    def get_common_view_kwargs(self, **kwargs):
        if not self.usage_shown:
            kwargs.setdefault("usage_url_name", None)
        return super().get_common_view_kwargs(
            scoped_queryset=self.get_queryset, **kwargs
        )

    def construct_view(self, view_class, **kwargs):
        # Every view that looks an object up (a copy's source too), not the list.
        if hasattr(view_class, "get_object") and not issubclass(
            view_class, (ViewsetScopedMixin, IndexView)
        ):
            view_class = type(view_class.__name__, (ViewsetScopedMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


class AgencyStaffMenuItem(MenuItem):
    """A menu item for the staff of an agency: hidden from a user of none."""

    def is_shown(self, request):
        return staff_rows(Agency, request.user).exists()


class OwnAgenciesMixin:
    """The agency chooser lists the staff member's agencies only: other agencies'
    names stay hidden (all of them for a superuser)."""

    def get_object_list(self):
        return staff_rows(Agency, self.request.user)


class OwnAgenciesChooseView(OwnAgenciesMixin, chooser.ChooseView):
    pass


class OwnAgenciesChooseResultsView(OwnAgenciesMixin, chooser.ChooseResultsView):
    pass


class OwnAgenciesChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(staff_rows(Agency, self.request.user), pk=pk)


class OwnAgenciesChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return staff_rows(Agency, self.request.user).filter(pk__in=pks)


class AgencyChooserViewSet(ChooseOnlyChooserViewSet):
    choose_view_class = OwnAgenciesChooseView
    choose_results_view_class = OwnAgenciesChooseResultsView
    chosen_view_class = OwnAgenciesChosenView
    chosen_multiple_view_class = OwnAgenciesChosenMultipleView
