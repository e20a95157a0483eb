"""Paying an invoice online (API.md: Payment). An attempt opens a checkout with the
configured provider for exactly the amount due; only a verified provider callback
moves it, each callback at most once, inside the transaction that changes the
payment and the invoice. Partial payments do not exist: the callback's amount and
currency must be the attempt's."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.events import domain_event_send
from access.models import Portal

from . import providers
from .models import Invoice, Payment, PaymentEvent

STATES = {
    "pending": Payment.Status.PENDING,
    "failed": Payment.Status.FAILED,
    "expired": Payment.Status.EXPIRED,
}


REUSE_FOR = timedelta(hours=23)  # Stripe Checkout Sessions last 24 hours


def _emit(payment: Payment, type: str) -> None:
    domain_event_send(
        Payment,
        agency_id=payment.agency_id,
        type=type,
        data={"payment": payment.pk, "invoice": payment.invoice_id},
    )


def _in_progress() -> ApplicationError:
    return ApplicationError(
        "payment_in_progress",
        _("Un paiement de cette facture est en cours de traitement."),
        status=409,
    )


def return_url(payment: Payment, outcome: str) -> str:
    """Where the checkout sends the client back: the front end's page for the
    invoice. Only a display: coming back there changes nothing."""
    portal = Portal.objects.get(agency_id=payment.invoice.agency_id, kind="client")
    back = settings.PORTAL_PAYMENT_RETURN_URL.format(
        address=portal.address, invoice=payment.invoice_id
    )
    separator = "&" if "?" in back else "?"
    return f"{back}{separator}paiement={payment.pk}&issue={outcome}"


def _open_attempt(invoice: Invoice, provider) -> Payment | None:
    """An invoice has one open checkout at a time, or a client could pay it twice:
    the open one is given again while it can still be paid; otherwise it is closed
    at the provider first. The caller holds the invoice's row lock."""
    current = (
        invoice.payments.select_for_update()
        .filter(status__in=[Payment.Status.CREATED, Payment.Status.PENDING])
        .order_by("-created_at")
        .first()
    )
    if current is None:
        return None
    if current.status == Payment.Status.PENDING:
        raise _in_progress()
    if (
        current.provider == provider.name
        and current.amount_cents == invoice.amount_due_cents
        and current.checkout_url
        and timezone.now() - current.created_at < REUSE_FOR
    ):
        return current
    try:
        providers.provider(current.provider).close_checkout(payment=current)
    except (LookupError, providers.ProviderUnavailable) as error:
        raise _in_progress() from error
    current.status = Payment.Status.EXPIRED
    current.save(update_fields=["status", "updated_at"])
    return None


@transaction.atomic
def payment_start(*, account, invoice: Invoice) -> tuple[Payment, bool]:
    """The invoice's checkout: its open one, or a new one (then True)."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not invoice.payable_online:
        raise ApplicationError(
            "not_payable", _("Cette facture ne se paie pas en ligne."), status=409
        )
    try:
        provider = providers.provider()
    except LookupError as error:  # no provider configured
        raise ApplicationError(
            "payment_unavailable",
            _("Le paiement en ligne n'est pas encore ouvert par l'agence."),
            status=503,
        ) from error
    reusable = _open_attempt(invoice, provider)
    if reusable is not None:
        return reusable, False
    payment = Payment.objects.create(
        agency_id=invoice.agency_id,
        invoice=invoice,
        account=account,
        provider=provider.name,
        amount_cents=invoice.amount_due_cents,
        currency=invoice.currency,
        reference="",
    )
    try:
        checkout = provider.create_checkout(
            payment=payment,
            success_url=return_url(payment, "ok"),
            cancel_url=return_url(payment, "annule"),
        )
    except providers.ProviderUnavailable as error:
        raise ApplicationError(
            "payment_unavailable",
            _("Le paiement en ligne est momentanément indisponible."),
            status=502,
        ) from error
    payment.reference, payment.checkout_url = checkout.reference, checkout.url
    payment.save(update_fields=["reference", "checkout_url"])
    return payment, True


def _apply(payment: Payment | None, event: providers.ProviderEvent) -> str:
    if payment is None:
        return "unknown_payment"
    if event.type == "ignored":
        return "ignored"
    if (event.amount_cents, event.currency) != (payment.amount_cents, payment.currency):
        return "amount_mismatch"
    if payment.status == Payment.Status.PAID:
        return "already_paid"
    if event.type != "paid":
        payment.status = STATES[event.type]
        payment.save(update_fields=["status", "updated_at"])
        if event.type == "failed":
            _emit(payment, "payment.failed")
        return event.type
    payment.status = Payment.Status.PAID
    payment.save(update_fields=["status", "updated_at"])
    _emit(payment, "payment.succeeded")
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
    if not invoice.payable_online or invoice.amount_due_cents != payment.amount_cents:
        # The money came, but for an invoice staff changed meanwhile (paid, moved to
        # the immediate advance, another amount): theirs to reconcile, not ours to
        # settle with a partial or unwanted payment.
        return "invoice_changed"
    invoice.status = Invoice.Status.PAID
    invoice.amount_due_cents = 0
    invoice.save(update_fields=["status", "amount_due_cents"])
    return "paid"


def payment_callback(*, provider_name: str, body: bytes, headers) -> str:
    """Apply a provider's callback; what came of it. Raises LookupError for a
    provider that is not the configured one, InvalidCallback for a forged or stale
    one."""
    if provider_name != settings.PORTAL_PAYMENT_PROVIDER:
        raise LookupError(provider_name)
    event = providers.provider(provider_name).read_callback(body=body, headers=headers)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = PaymentEvent.objects.create(
                    provider=provider_name,
                    event_id=event.id,
                    type=event.type,
                    outcome="received",
                )
        except IntegrityError:
            return "duplicate"
        payment = (
            Payment.objects.select_for_update()
            .filter(provider=provider_name, reference=event.reference)
            .exclude(reference="")
            .first()
        )
        record.payment, record.outcome = payment, _apply(payment, event)
        record.save(update_fields=["payment", "outcome"])
        return record.outcome
