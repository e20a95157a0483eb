"""Reads of quotes, contracts and invoices for portal accounts: a client's own,
scoped in the queryset."""

from django.db.models import QuerySet

from .models import Contract, Invoice, Quote

MODELS = {"quotes": Quote, "contracts": Contract, "invoices": Invoice}


def billing_records_for_client(*, kind: str, client) -> QuerySet:
    """`kind` is quotes, contracts or invoices; newest first, with the PDF's state
    (an unpublished PDF is not offered)."""
    return (
        MODELS[kind]
        .objects.filter(client=client)
        .select_related("document")
        .order_by("-issued_on", "-pk")
    )
