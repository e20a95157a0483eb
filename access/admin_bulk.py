"""Bulk actions (/admin/bulk/...) that only ever reach the staff member's agencies'
rows (issue 11, item 2).

Wagtail's bulk actions fetch every id of the query string and name on their
confirmation page the rows the user may not act on: another agency's payslips,
pages or people. Every registered bulk action is a ScopedBulkActionMixin: the ids
are looked up among `staff_rows` only, so another agency's id is never fetched,
shown nor acted upon, and a selection with none of the user's rows is a 404.
tests/access/test_admin_bulk.py checks that no registered action escapes it.
"""

from django import forms
from django.shortcuts import get_list_or_404
from django.utils.functional import classproperty
from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction as PageDeleteBulkAction,
)
from wagtail.admin.views.pages.bulk_actions import (
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.documents.views.bulk_actions import (
    AddTagsBulkAction as DocumentAddTagsBulkAction,
)
from wagtail.documents.views.bulk_actions import (
    AddToCollectionBulkAction as DocumentAddToCollectionBulkAction,
)
from wagtail.documents.views.bulk_actions import (
    DeleteBulkAction as DocumentDeleteBulkAction,
)
from wagtail.images.views.bulk_actions import (
    AddTagsBulkAction as ImageAddTagsBulkAction,
)
from wagtail.images.views.bulk_actions import (
    AddToCollectionBulkAction as ImageAddToCollectionBulkAction,
)
from wagtail.images.views.bulk_actions import (
    DeleteBulkAction as ImageDeleteBulkAction,
)
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    SetActiveStateBulkAction,
)
from wagtail.users.views.bulk_actions import (
    DeleteBulkAction as UserDeleteBulkAction,
)

from .staff_scope import staff_rows, staff_rows_or_none


class ScopedBulkActionMixin:
    """A bulk action that looks its ids up among the user's rows only; the choices
    of its form (a page to move to) are narrowed the same way."""

    def get_queryset(self, model, object_ids):
        # Wagtail's is a class method without the request; it is always called on
        # the instance (BulkAction.get_actionable_objects).
        return get_list_or_404(
            staff_rows(model, self.request.user), pk__in=list(object_ids)
        )

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                rows = staff_rows_or_none(field.queryset.model, self.request.user)
                if rows is not None:
                    field.queryset = field.queryset.filter(pk__in=rows.values("pk"))
        return form


def scoped(action_class):
    model = action_class.models[0].__name__
    return type(
        f"Scoped{model}{action_class.__name__}",
        (ScopedBulkActionMixin, action_class),
        {"__module__": __name__, "__doc__": f"{action_class.__name__}, scoped."},
    )


# Wagtail's own bulk actions (wagtail.admin, .images, .documents, .users), each
# registered again scoped, after Wagtail's (wagtail_hooks.py, order 1).
WAGTAIL_BULK_ACTIONS = [
    scoped(action_class)
    for action_class in (
        PageDeleteBulkAction,
        MoveBulkAction,
        PublishBulkAction,
        UnpublishBulkAction,
        ImageAddTagsBulkAction,
        ImageAddToCollectionBulkAction,
        ImageDeleteBulkAction,
        DocumentAddTagsBulkAction,
        DocumentAddToCollectionBulkAction,
        DocumentDeleteBulkAction,
        AssignRoleBulkAction,
        UserDeleteBulkAction,
        SetActiveStateBulkAction,
    )
]


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    """Snippet deletion among the user's rows; own rows the user may not delete
    are left out rather than listed."""

    def get_actionable_objects(self):
        objects, _no_access = super().get_actionable_objects()
        return objects, {"items_with_no_access": []}


class AnySnippetDeleteBulkAction(ScopedDeleteBulkAction):
    """Deletion for every snippet model that has no scoped deletion of its own
    (agencies): Wagtail's, registered for all snippets, names any row by id."""

    @classproperty
    def models(cls):
        own = {
            model
            for action in hooks.get_hooks("register_bulk_action")
            if issubclass(action, ScopedDeleteBulkAction)
            and not issubclass(action, AnySnippetDeleteBulkAction)
            for model in action.models
        }
        return [model for model in get_snippet_models() if model not in own]
