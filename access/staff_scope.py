"""What a staff member may know of in the admin, per model: the rows of their own
agencies, all rows for a superuser, and none of a model this module has no rule for.

Every admin screen asks here (lists, edit, inspect and review pages, choosers, bulk
actions, form choices, tag suggestions, menus), so that one rule per kind of model
covers every screen that lists or looks rows up by id: no other module filters by
the staff member's agencies by hand."""

from django.db.models import Model, QuerySet
from wagtail.models import Page
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
    CollectionPermissionPolicy,
)
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from .policies import AgencyScopedPermissionPolicy

# Every action that makes a row the user's to know of (the policies ignore the
# actions they have no permission for).
ROW_ACTIONS = ["add", "change", "delete", "view", "choose"]
PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


def _agency_rows(model, user):
    # The agencies whose staff group the user is in.
    from .models import Agency

    if issubclass(model, Agency):
        return model._default_manager.filter(staff_group__user=user)
    return None


def _agency_scoped_rows(model, user):
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, AgencyScopedPermissionPolicy):
        return policy.instances_user_has_any_permission_for(user, ROW_ACTIONS)
    return None


def _collection_rows(model, user):
    # Images and documents: staff hold permissions on their agency's collection
    # only (home_pages.services.agency_setup), so its rows are theirs.
    policy = policy_registry.get_by_type(model)
    if isinstance(
        policy, (CollectionOwnershipPermissionPolicy, CollectionPermissionPolicy)
    ):
        collections = policy.collections_user_has_any_permission_for(user, ROW_ACTIONS)
        return model._default_manager.filter(collection__in=collections)
    return None


def _page_rows(model, user):
    # Staff hold page permissions on their agency's folder page only.
    if issubclass(model, Page):
        pages = PagePermissionPolicy().instances_user_has_any_permission_for(
            user, PAGE_ACTIONS
        )
        return model._default_manager.filter(pk__in=pages.values("pk"))
    return None


RULES = (_agency_rows, _agency_scoped_rows, _collection_rows, _page_rows)


def staff_rows_or_none(model: type[Model], user) -> QuerySet | None:
    """The rows of `model` the user may know of, or None when no rule covers it."""
    for rule in RULES:
        rows = rule(model, user)
        if rows is not None:
            return model._default_manager.all() if user.is_superuser else rows
    return None


def staff_rows(model: type[Model], user) -> QuerySet:
    """The rows of `model` the user may know of: none of a model without a rule,
    unless the user is a superuser."""
    rows = staff_rows_or_none(model, user)
    if rows is not None:
        return rows
    manager = model._default_manager
    return manager.all() if user.is_superuser else manager.none()


def staff_rows_with_permission(model: type[Model], user, actions) -> QuerySet:
    """`staff_rows`, or none when the model's policy grants the user none of
    `actions`: an edit page looks its row up among those the user may change."""
    policy = policy_registry.get_by_type(model)
    if not policy.user_has_any_permission(user, list(actions)):
        return model._default_manager.none()
    return staff_rows(model, user)


def staff_rows_by_agency(model: type[Model], user, agency: str = "agency") -> QuerySet:
    """The rows of `model` whose agency, reached through the `agency` path
    (`portal__agency` for an account), is one of `staff_rows(Agency)`; every row
    for a superuser. For rows that carry their agency but whose own permissions
    say nothing of it: portal accounts, batches, portal pages, and documents
    (Wagtail's collection permissions decide what staff may do with each)."""
    from .models import Agency

    manager = model._default_manager
    if user.is_superuser:
        return manager.all()
    return manager.filter(**{f"{agency}__in": staff_rows(Agency, user)})
