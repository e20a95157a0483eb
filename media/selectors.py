"""Reads of documents for portal accounts, scoped in the queryset (DESIGN.md section
4, "Who sees which document")."""

from django.db.models import QuerySet

from .models import Category, PortalDocument
from .policies import document_policy

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


def document_list_for_account(
    *, account, categories: list[str], category=None, year=None, search=None
) -> QuerySet[PortalDocument]:
    """Published documents of these categories this account may see on its portal,
    newest first (the rule is the policy's); of one `category`, of a `year`, or
    whose title holds `search`, when given."""
    chosen = {"category": category, "year": year, "title__icontains": search}
    return (
        document_policy.visible_to(account)
        .filter(
            category__in=categories,
            **{lookup: value for lookup, value in chosen.items() if value},
        )
        .order_by("-published_at", "-id")
    )


def document_for_account(
    *, account, pk: int, categories: list[str]
) -> PortalDocument | None:
    """One document this account may see on its portal, looked up inside what it
    may see: another's id finds nothing."""
    return (
        document_policy.visible_to(account)
        .filter(pk=pk, category__in=categories)
        .first()
    )
