"""Payment providers behind one interface: Stripe Checkout, and a sandbox that
plays a checkout page and its signed callback on this service (demo and tests).

A provider creates a checkout for a payment attempt and reads its callbacks: it
verifies their signature and freshness and returns a ProviderEvent, or raises
InvalidCallback. What an event does to the payment is billing.payments' business.
"""

import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.crypto import salted_hmac

TOLERANCE_SECONDS = 300


class InvalidCallback(Exception):
    pass


class ProviderUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Checkout:
    reference: str
    url: str


@dataclass(frozen=True)
class ProviderEvent:
    id: str
    type: str  # paid, pending, failed, expired, or ignored
    reference: str
    amount_cents: int | None
    currency: str | None


class StripeProvider:
    """Stripe Checkout: a Checkout Session per attempt, confirmed by webhooks
    signed with the endpoint's secret."""

    name = "stripe"
    STATES = {
        ("checkout.session.completed", "paid"): "paid",
        ("checkout.session.completed", "no_payment_required"): "ignored",
        ("checkout.session.completed", "unpaid"): "pending",
        ("checkout.session.async_payment_succeeded", "paid"): "paid",
        ("checkout.session.async_payment_failed", "unpaid"): "failed",
        ("checkout.session.expired", "unpaid"): "expired",
    }

    def create_checkout(self, *, payment, success_url, cancel_url) -> Checkout:
        import stripe

        invoice = payment.invoice
        try:
            session = self._session(stripe, payment, invoice, success_url, cancel_url)
        except stripe.StripeError as error:
            raise ProviderUnavailable(str(error)) from error
        return Checkout(reference=session.id, url=session.url)

    def close_checkout(self, *, payment) -> None:
        """Expire the session, so that it can no longer be paid; refused by Stripe
        once it is complete."""
        import stripe

        try:
            stripe.checkout.Session.expire(
                payment.reference, api_key=settings.PORTAL_STRIPE_SECRET_KEY
            )
        except stripe.StripeError as error:
            raise ProviderUnavailable(str(error)) from error

    @staticmethod
    def _session(stripe, payment, invoice, success_url, cancel_url):
        return stripe.checkout.Session.create(
            api_key=settings.PORTAL_STRIPE_SECRET_KEY,
            mode="payment",
            line_items=[
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": payment.currency.lower(),
                        "unit_amount": payment.amount_cents,
                        "product_data": {
                            "name": f"{invoice.title} — n° {invoice.number}"
                        },
                    },
                }
            ],
            client_reference_id=str(payment.pk),
            metadata={"invoice": str(invoice.pk), "payment": str(payment.pk)},
            success_url=success_url,
            cancel_url=cancel_url,
            idempotency_key=str(payment.idempotency_key),
        )

    def read_callback(self, *, body: bytes, headers) -> ProviderEvent:
        import stripe

        try:
            event = stripe.Webhook.construct_event(
                body,
                headers.get("Stripe-Signature", ""),
                settings.PORTAL_STRIPE_WEBHOOK_SECRET,
                tolerance=TOLERANCE_SECONDS,
            )
        except (ValueError, stripe.SignatureVerificationError) as error:
            raise InvalidCallback(str(error)) from error
        session = event.to_dict()["data"]["object"]
        state = self.STATES.get(
            (event["type"], session.get("payment_status")), "ignored"
        )
        return ProviderEvent(
            id=event["id"],
            type=state,
            reference=session.get("id", ""),
            amount_cents=session.get("amount_total"),
            currency=(session.get("currency") or "").upper() or None,
        )


def refuse_a_forbidden_sandbox() -> None:
    """Called at every start: the sandbox lets anyone mark an invoice paid, so only
    development and tests (PORTAL_PAYMENT_SANDBOX) may run it."""
    if settings.PORTAL_PAYMENT_PROVIDER == "sandbox" and not _sandbox_allowed():
        raise ImproperlyConfigured(
            "DJANGO_PAYMENT_PROVIDER=sandbox is for development only: set it to "
            "stripe (with its keys), or leave it empty to offer no online payment."
        )


def _sandbox_allowed() -> bool:
    return bool(getattr(settings, "PORTAL_PAYMENT_SANDBOX", False))


def _sandbox_key() -> bytes:
    # Derived from the secret key, which development may leave at its public default:
    # never derived where the sandbox is not allowed.
    if not _sandbox_allowed():
        raise ImproperlyConfigured("The sandbox payment provider is not allowed here.")
    return salted_hmac("portail.payments.sandbox", "webhook").digest()


def sandbox_signature(body: bytes, timestamp: int) -> str:
    mac = hmac.new(_sandbox_key(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class SandboxProvider:
    """A checkout page served by this service (billing/sandbox views): paying or
    failing there posts a callback signed like Stripe's, with the service's own key."""

    name = "sandbox"

    def create_checkout(self, *, payment, success_url, cancel_url) -> Checkout:
        reference = f"sbx_{payment.idempotency_key.hex}"
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "portal_api:payment-sandbox", args=[reference]
        )
        return Checkout(reference=reference, url=url)

    def close_checkout(self, *, payment) -> None:
        """The sandbox page only takes attempts that are still open."""

    def simulate(self, *, payment, paid: bool) -> tuple[bytes, dict]:
        """The callback the checkout page sends when the client pays or refuses:
        its body and headers, signed as any other."""
        body = json.dumps(
            {
                "id": f"evt_{uuid.uuid4().hex}",
                "type": "paid" if paid else "failed",
                "reference": payment.reference,
                "amount_cents": payment.amount_cents,
                "currency": payment.currency,
            }
        ).encode()
        return body, {"Sandbox-Signature": sandbox_signature(body, int(time.time()))}

    def read_callback(self, *, body: bytes, headers) -> ProviderEvent:
        parts = dict(
            part.split("=", 1)
            for part in headers.get("Sandbox-Signature", "").split(",")
            if "=" in part
        )
        try:
            timestamp = int(parts.get("t", ""))
        except ValueError as error:
            raise InvalidCallback("no timestamp") from error
        expected = sandbox_signature(body, timestamp)
        if not hmac.compare_digest(expected, headers.get("Sandbox-Signature", "")):
            raise InvalidCallback("bad signature")
        if abs(time.time() - timestamp) > TOLERANCE_SECONDS:
            raise InvalidCallback("stale timestamp")
        try:
            event = json.loads(body)
            return ProviderEvent(
                id=str(event["id"]),
                type=event["type"],
                reference=str(event["reference"]),
                amount_cents=int(event["amount_cents"]),
                currency=str(event["currency"]),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidCallback("malformed event") from error


PROVIDERS = {"stripe": StripeProvider, "sandbox": SandboxProvider}


def provider(name: str | None = None):
    name = name or settings.PORTAL_PAYMENT_PROVIDER
    if name not in PROVIDERS or (name == "sandbox" and not _sandbox_allowed()):
        raise LookupError(name)
    return PROVIDERS[name]()
