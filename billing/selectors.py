"""Reads of quotes, contracts and invoices for portal accounts: a client's own,
scoped in the queryset."""

from django.db.models import QuerySet

from .models import Contract, Invoice, Payment, Quote, Signature

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


def billing_record_for_client(*, kind: str, client, pk: int):
    """One of the client's quotes, contracts or invoices; another's id finds
    nothing."""
    return billing_records_for_client(kind=kind, client=client).filter(pk=pk).first()


def signature_for_client(*, client, pk: int) -> Signature | None:
    """One of the client's signatures, with its terms and the record it signs;
    another's id finds nothing."""
    return (
        Signature.objects.filter(pk=pk, client=client)
        .select_related("terms", "quote", "contract")
        .first()
    )


def payment_by_reference(*, provider: str, reference: str) -> Payment | None:
    """The payment the provider knows by this reference, with its invoice and
    agency. Unscoped: the reference, unguessable, is what the provider's checkout
    page is given instead of a session."""
    return (
        Payment.objects.select_related("invoice", "agency")
        .filter(provider=provider, reference=reference)
        .first()
    )
