"""Reads of documents for portal accounts, scoped in the queryset (DESIGN.md section
4, "Who sees which document")."""

from functools import cache

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from .models import Category, PortalDocument, PortalDocumentGroupObjectPermission
from .policies import PORTAL_VIEW

# The menu section each category is shown under, per kind of portal; the parent
# section must be on too.
PARENT_SECTION = {"client": "documents", "intervenant": "administrative"}
SECTION_OF_CATEGORY = {
    "client": {
        Category.QUOTE: "quotes",
        Category.CONTRACT: "contracts",
        Category.INVOICE: "invoices",
        Category.TAX_CERTIFICATE: "tax_certificates",
        Category.CAF_CERTIFICATE: "caf_certificates",
        Category.RESOURCE: "resources",
    },
    "intervenant": {
        category: "payslips" if category == Category.PAYSLIP else "other_documents"
        for category in Category.values
    },
}


def visible_categories(*, kind: str, sections: set[str]) -> list[str]:
    """The categories this portal's menu shows; none when its documents are off."""
    if PARENT_SECTION[kind] not in sections:
        return []
    return [c for c, s in SECTION_OF_CATEGORY[kind].items() if s in sections]


@cache
def portal_view_permission_id() -> int:
    return Permission.objects.get(
        content_type__app_label="media", codename=PORTAL_VIEW
    ).pk


def document_list_for_account(
    *, account, portal, categories: list[str]
) -> QuerySet[PortalDocument]:
    """Published documents this account may see on this portal, newest first.

    Never guardian's get_objects_for_user: its OR of subqueries makes the planner
    scan the table. The few explicit grants are fetched by one indexed query, then one
    query whose every branch has its own index: owner, agency audience, granted ids.
    """
    person, kind = account.person, portal.kind
    # `is_published` inside every branch: SQLite uses a partial index for an OR
    # branch only when the branch itself implies the index's condition.
    rule = Q(**{kind: person}, is_published=True) | Q(
        agency_id=portal.agency_id, is_published=True, **{f"for_{kind}s": True}
    )
    if person.group_id is not None:
        granted = list(
            PortalDocumentGroupObjectPermission.objects.filter(
                group_id=person.group_id, permission_id=portal_view_permission_id()
            ).values_list("content_object_id", flat=True)
        )
        if granted:
            rule |= Q(pk__in=granted, is_published=True)
    return PortalDocument.objects.filter(rule, category__in=categories).order_by(
        "-published_at", "-id"
    )
