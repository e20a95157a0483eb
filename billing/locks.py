"""What locks a document (media/locks.py keeps the rule): the PDF a client signed
or paid, a sealed PDF, a published version of the general terms."""

from django.db.models import Q

from .models import Contract, Invoice, Payment, Quote, Signature, Terms
from .services import LOCKED_STATUSES


def quotes_documents():
    return Quote.objects.filter(
        Q(status__in=LOCKED_STATUSES) | Q(signatures__status=Signature.Status.SIGNED)
    ).values("document")


def contracts_documents():
    return Contract.objects.filter(
        Q(status__in=LOCKED_STATUSES) | Q(signatures__status=Signature.Status.SIGNED)
    ).values("document")


def invoices_documents():
    return Invoice.objects.filter(
        Q(status__in=LOCKED_STATUSES) | Q(payments__status=Payment.Status.PAID)
    ).values("document")


def terms_documents():
    return Terms.objects.values("document")


def sealed_documents():
    return Signature.objects.filter(signed_document__isnull=False).values(
        "signed_document"
    )


LOCKERS = [
    quotes_documents,
    contracts_documents,
    invoices_documents,
    terms_documents,
    sealed_documents,
]
