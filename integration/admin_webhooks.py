"""Intégrations > Webhooks: the endpoints of the staff member's agencies (a new one's
secret shown once, on the answer to its creation), enabling one again after it was
disabled, and the log of deliveries with « Renvoyer »."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from access.staff_scope import staff_rows_by_agency

from .admin_views import AgencyCreationForm, CredentialPage, IntegrationPage
from .models import WebhookDelivery, WebhookEndpoint
from .webhooks import (
    EVENT_TYPES,
    ResendRefused,
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_enable,
)

EVENT_LABELS = {
    "planning.created": gettext_lazy("Planning : ajout depuis un portail"),
    "planning.changed": gettext_lazy("Planning : modification depuis un portail"),
    "planning.deleted": gettext_lazy("Planning : suppression depuis un portail"),
    "coupon.submitted": gettext_lazy("Coupon : envoyé"),
    "coupon.changed": gettext_lazy("Coupon : modifié"),
    "coupon.cancelled": gettext_lazy("Coupon : annulé"),
    "profile.changed": gettext_lazy("Profil modifié"),
    "signature.completed": gettext_lazy("Signature terminée"),
    "payment.succeeded": gettext_lazy("Paiement réussi"),
    "payment.failed": gettext_lazy("Paiement échoué"),
    "account.created": gettext_lazy("Accès au portail : créé"),
    "account.regenerated": gettext_lazy("Accès au portail : régénéré"),
    "account.deleted": gettext_lazy("Accès au portail : supprimé"),
    "message.received": gettext_lazy("Message reçu"),
}
PAGE_SIZE = 50


def _endpoints(user):
    return staff_rows_by_agency(WebhookEndpoint, user)


class WebhookForm(AgencyCreationForm):
    url = forms.URLField(
        label=gettext_lazy("Adresse (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("L'adresse qui recevra les événements, en https://."),
    )
    event_types = forms.MultipleChoiceField(
        label=gettext_lazy("Événements envoyés"),
        choices=[(value, f"{EVENT_LABELS[value]} ({value})") for value in EVENT_TYPES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Aucune case cochée : tous les événements, y compris ceux ajoutés plus "
            "tard."
        ),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), max_length=200, required=False
    )


class WebhooksView(CredentialPage):
    template_name = "integration/admin/webhooks.html"
    page_title = gettext_lazy("Webhooks")
    header_icon = "link"
    form_class = WebhookForm
    creation_title = gettext_lazy("Nouveau webhook")
    creation_submit = gettext_lazy("Créer le webhook")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            endpoints=_endpoints(self.request.user).select_related("agency"),
            event_labels=EVENT_LABELS,
            **kwargs,
        )

    def create(self, **data) -> str:
        endpoint, secret = webhook_endpoint_create(**data)
        messages.success(
            self.request,
            _("Le webhook vers %(url)s a été créé.") % {"url": endpoint.url},
        )
        return secret


@require_POST
def delete_webhook(request, pk):
    endpoint = get_object_or_404(_endpoints(request.user), pk=pk)
    webhook_endpoint_delete(endpoint=endpoint)
    messages.success(
        request, _("Le webhook vers %(url)s a été supprimé.") % {"url": endpoint.url}
    )
    return redirect("integration_admin:webhooks")


@require_POST
def enable_webhook(request, pk):
    endpoint = get_object_or_404(_endpoints(request.user), pk=pk)
    webhook_endpoint_enable(endpoint=endpoint)
    messages.success(
        request,
        _(
            "Le webhook vers %(url)s est de nouveau actif. Les envois abandonnés "
            "peuvent être renvoyés depuis le journal."
        )
        % {"url": endpoint.url},
    )
    return redirect("integration_admin:webhooks")


class DeliveryLogView(IntegrationPage):
    template_name = "integration/admin/webhook_deliveries.html"
    page_title = gettext_lazy("Journal des envois")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        endpoints = _endpoints(self.request.user)
        deliveries = WebhookDelivery.objects.filter(endpoint__in=endpoints)
        chosen = self.request.GET.get("webhook", "")
        if chosen.isdigit():
            deliveries = deliveries.filter(endpoint_id=int(chosen))
        status = self.request.GET.get("etat", "")
        if status in WebhookDelivery.Status.values:
            deliveries = deliveries.filter(status=status)
        page = Paginator(
            deliveries.select_related("endpoint", "event").order_by("-pk"), PAGE_SIZE
        ).get_page(self.request.GET.get("p"))
        for delivery in page.object_list:
            delivery.event_label = EVENT_LABELS.get(delivery.event.type, "")
        return super().get_context_data(
            page=page,
            endpoints=endpoints.order_by("url"),
            statuses=WebhookDelivery.Status.choices,
            chosen=chosen,
            status=status,
            filters=urlencode({"webhook": chosen, "etat": status}),
            event_labels=EVENT_LABELS,
            **kwargs,
        )


@require_POST
def resend_delivery(request, pk):
    delivery = get_object_or_404(
        WebhookDelivery.objects.select_related("endpoint"),
        pk=pk,
        endpoint__in=_endpoints(request.user),
    )
    try:
        webhook_delivery_resend(delivery=delivery)
    except ResendRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Un nouvel envoi est programmé."))
    back = reverse("integration_admin:webhook_deliveries")
    filters = {name: request.POST.get(name, "") for name in ("webhook", "etat")}
    filters = {name: value for name, value in filters.items() if value}
    return redirect(f"{back}?{urlencode(filters)}" if filters else back)
