"""Staff manage quotes, contracts and invoices in the admin (Facturation), scoped to
their agency; saving with a PDF publishes it to the client."""

import django_filters
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from access.admin_scoping import ScopedDeleteBulkAction, ScopedSnippetViewSet
from access.models import Client
from access.policies import AgencyScopedPermissionPolicy
from access.selectors import agencies_for_staff

from .admin_views import SignatureInspectView
from .forms import BillingRecordForm, TermsForm
from .models import Contract, Invoice, Payment, Quote, Signature, Terms

for model in (Quote, Contract, Invoice, Terms, Signature, Payment):
    register_permission_policy(model, AgencyScopedPermissionPolicy(model))


def _clients(request):
    return Client.objects.filter(agency__in=agencies_for_staff(user=request.user))


def filterset_for(model):
    meta = type("Meta", (), {"model": model, "fields": ["client", "status"]})
    fields = {
        "client": django_filters.ModelChoiceFilter(
            queryset=_clients, label=_("Client")
        ),
        "issued_on": django_filters.DateFromToRangeFilter(
            label=_("Date d'émission"), widget=DateRangePickerWidget
        ),
        "Meta": meta,
    }
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), fields)


def edit_handler(*specific):
    return ObjectList(
        [
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("client"), FieldPanel("number")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("issued_on"), FieldPanel("status")]),
            FieldRowPanel([FieldPanel("amount_cents"), FieldPanel("currency")]),
            *specific,
            FieldPanel("pdf"),
        ],
        base_form_class=BillingRecordForm,
    )


class BillingViewSet(ScopedSnippetViewSet):
    related = ("client",)
    ordering = ["-issued_on", "-pk"]
    list_display = ["number", "title", "client", "issued_on", "amount_cents", "status"]


class QuoteViewSet(BillingViewSet):
    model = Quote
    icon = "doc-full"
    filterset_class = filterset_for(Quote)
    edit_handler = edit_handler(FieldPanel("valid_until"))


class ContractViewSet(BillingViewSet):
    model = Contract
    icon = "doc-full-inverse"
    filterset_class = filterset_for(Contract)
    edit_handler = edit_handler(FieldPanel("starts_on"))


class InvoiceViewSet(BillingViewSet):
    model = Invoice
    icon = "form"
    filterset_class = filterset_for(Invoice)
    list_display = [
        *BillingViewSet.list_display,
        "amount_due_cents",
        "immediate_advance",
    ]
    edit_handler = edit_handler(
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("amount_due_cents")]),
        FieldPanel("immediate_advance"),
    )


class TermsViewSet(ScopedSnippetViewSet):
    model = Terms
    icon = "doc-empty"
    related = ("agency",)
    ordering = ["-created_at"]
    list_display = ["version", "agency", "created_at"]
    edit_handler = ObjectList(
        [FieldPanel("agency"), FieldPanel("version"), FieldPanel("pdf")],
        base_form_class=TermsForm,
    )


class SignatureStatusFilterSet(WagtailFilterSet):
    class Meta:
        model = Signature
        fields = ["status"]


class SignatureViewSet(ScopedSnippetViewSet):
    """Read-only: signatures are made by clients; staff inspect their evidence."""

    model = Signature
    icon = "key"
    related = ("client", "quote", "contract")
    ordering = ["-created_at"]
    add_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SignatureInspectView
    list_display = ["__str__", "client", "status", "created_at", "signed_at"]
    filterset_class = SignatureStatusFilterSet


class PaymentFilterSet(WagtailFilterSet):
    class Meta:
        model = Payment
        fields = ["status", "provider"]


class PaymentViewSet(ScopedSnippetViewSet):
    """Read-only: payments move only on the provider's verified callbacks."""

    model = Payment
    icon = "tick-inverse"
    related = ("invoice__client",)
    ordering = ["-created_at"]
    add_view_enabled = False
    inspect_view_enabled = True
    list_display = ["invoice", "status", "amount_cents", "provider", "created_at"]
    filterset_class = PaymentFilterSet


class BillingGroup(SnippetViewSetGroup):
    items = (
        QuoteViewSet,
        ContractViewSet,
        InvoiceViewSet,
        TermsViewSet,
        SignatureViewSet,
        PaymentViewSet,
    )
    menu_icon = "form"
    menu_label = _("Facturation")
    menu_name = "billing"
    menu_order = 230


register_snippet(BillingGroup)


class BillingDeleteBulkAction(ScopedDeleteBulkAction):
    models = [Quote, Contract, Invoice]


hooks.register("register_bulk_action", BillingDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def billing_admin_urls():
    return [path("billing/", include("billing.admin_urls"))]
