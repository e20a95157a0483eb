"""Admin views that only ever reach the staff member's agency's rows: a foreign id
is a 404, lists and choosers show nothing of another agency. For any model whose
registered permission policy is agency-scoped (access.policies)."""

from functools import reduce
from operator import or_

from django import forms
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from .admin_wording import WordedViewSetMixin
from .selectors import agencies_for_staff


def scoped_rows(model, user, actions=("change", "view")):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, list(actions)
    )


class ScopedObjectMixin:
    """Looks objects up among the user's agency's rows: another agency's id is a 404."""

    def get_queryset(self):
        return scoped_rows(self.model, self.request.user, [self.permission_required])


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    pass


class ScopedBaseObjectMixin:
    """The same 404 for views whose own queryset is a listing (history, usage)."""

    def get_base_object_queryset(self):
        rows = scoped_rows(self.model, self.request.user)
        return super().get_base_object_queryset().filter(pk__in=rows.values("pk"))


class ScopedInspectView(InspectView):
    def get_object(self, queryset=None):
        rows = scoped_rows(self.model, self.request.user, ["view", "change"])
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


class ScopedChooserMixin:
    def get_object_list(self):
        return scoped_rows(self.model_class, self.request.user)

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
        return scoped_rows(self.model_class, self.request.user).get(pk=pk)


class ScopedChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return scoped_rows(self.model_class, self.request.user).filter(pk__in=pks)


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


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete names the selected rows the user may not delete; with
    `?id=all` that would be every agency's people. Here the selection is only ever
    the user's own rows."""

    def get_all_objects_in_listing_query(self, parent_id):
        return scoped_rows(self.model, self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, _no_access = super().get_actionable_objects()
        return objects, {"items_with_no_access": []}


class ScopedSnippetViewSet(WordedViewSetMixin, SnippetViewSet):
    """A snippet admin that lists, edits, deletes and chooses only the rows of the
    staff member's agencies; `related` names what each row of the list shows, and
    `wording` (access.admin_wording) the sentences its views say."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False
    inspect_view_enabled = False
    related = ()

    def get_queryset(self, request):
        return scoped_rows(self.model, request.user).select_related(*self.related)


class OwnAgenciesMixin:
    """The agency chooser lists the staff member's agencies only: other agencies'
    names stay hidden (all of them for a superuser)."""

    def get_object_list(self):
        return agencies_for_staff(user=self.request.user)


class OwnAgenciesChooseView(OwnAgenciesMixin, chooser.ChooseView):
    pass


class OwnAgenciesChooseResultsView(OwnAgenciesMixin, chooser.ChooseResultsView):
    pass


class OwnAgenciesChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(agencies_for_staff(user=self.request.user), pk=pk)


class OwnAgenciesChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return agencies_for_staff(user=self.request.user).filter(pk__in=pks)


class AgencyChooserViewSet(ChooseOnlyChooserViewSet):
    choose_view_class = OwnAgenciesChooseView
    choose_results_view_class = OwnAgenciesChooseResultsView
    chosen_view_class = OwnAgenciesChosenView
    chosen_multiple_view_class = OwnAgenciesChosenMultipleView
