"""Online payment of invoices (API.md: Payment): attempts, provider callbacks, and
the sandbox provider's checkout page."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from access.errors import ApplicationError
from api_base.exception_handlers import error_body
from api_base.schema import ERRORS
from billing.models import Invoice, Payment
from billing.payments import payment_callback, payment_start, return_url
from billing.providers import InvalidCallback, SandboxProvider
from billing.selectors import billing_record_for_client, payment_by_reference

from .base import PortalApiView


class PaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Payment.Status.choices)
    amount_cents = serializers.IntegerField()
    currency = serializers.CharField()
    checkout_url = serializers.URLField(help_text="The provider's payment page")
    created_at = serializers.DateTimeField()


class PaymentListSerializer(serializers.Serializer):
    results = PaymentSerializer(many=True)


class InvoicePaymentsApi(PortalApiView):
    def invoice(self, pk) -> Invoice:
        self.require_sections(
            "payment",
            kind="client",
            message=_("Le paiement en ligne n'est pas proposé sur ce portail."),
        )
        invoice = billing_record_for_client(
            kind="invoices", client=self.request.user.person, pk=pk
        )
        if invoice is None:
            raise ApplicationError("not_found", _("Facture introuvable."), status=404)
        return invoice

    @extend_schema(
        operation_id="invoice_payments_list",
        responses={
            200: PaymentListSerializer,
            **ERRORS(401, 403, 404),
        },
    )
    def get(self, request, portal, pk):
        payments = self.invoice(pk).payments.all()
        return Response(PaymentListSerializer({"results": payments}).data)

    @extend_schema(
        operation_id="invoice_payments_create",
        request=None,
        responses={
            200: PaymentSerializer,
            201: PaymentSerializer,
            **ERRORS(401, 403, 404, 409, 502, 503),
        },
    )
    def post(self, request, portal, pk):
        payment, created = payment_start(account=request.user, invoice=self.invoice(pk))
        # A new checkout (201), or the open one again (200).
        return Response(PaymentSerializer(payment).data, status=201 if created else 200)


@csrf_exempt
@require_POST
def payment_webhook(request, provider):
    """Provider callbacks: signature verified, each event applied once."""
    try:
        outcome = payment_callback(
            provider_name=provider, body=request.body, headers=request.headers
        )
    except LookupError:
        return JsonResponse(
            error_body("not_found", _("Prestataire de paiement inconnu.")), status=404
        )
    except InvalidCallback:
        return JsonResponse(
            error_body("invalid_callback", _("Notification refusée.")), status=400
        )
    return JsonResponse({"received": True, "outcome": outcome})


def _sandbox_payment(reference) -> Payment:
    if settings.PORTAL_PAYMENT_PROVIDER != "sandbox":
        raise Http404
    payment = payment_by_reference(provider="sandbox", reference=reference)
    if payment is None:
        raise Http404
    return payment


@require_http_methods(["GET", "POST"])
def sandbox_checkout(request, reference):
    """The sandbox's checkout page: paying or refusing here sends this service the
    same kind of signed callback a real provider would."""
    payment = _sandbox_payment(reference)
    if request.method == "GET" or payment.status != Payment.Status.CREATED:
        return render(request, "portal_api/sandbox_checkout.html", {"payment": payment})
    paid = request.POST.get("action") == "pay"
    body, headers = SandboxProvider().simulate(payment=payment, paid=paid)
    payment_callback(provider_name="sandbox", body=body, headers=headers)
    return HttpResponseRedirect(return_url(payment, "ok" if paid else "echec"))
