"""Staff manage quotes, contracts and invoices in the admin (Facturation), scoped to
their agency; saving with a PDF publishes it to the client. Amounts read and typed
in euros, times on the agency's clock, every message in French."""

import django_filters
from django.urls import include, path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from access.admin_scoping import ScopedSnippetViewSet
from access.admin_ui import AgencyTimeColumn, YesNoColumn
from access.admin_wording import WordedDeleteBulkAction
from access.models import Client
from access.policies import AgencyScopedPermissionPolicy
from access.staff_scope import staff_rows

from .admin_ui import BillingWording, amount_column
from .admin_views import PaymentInspectView, SignatureInspectView
from .forms import BillingRecordForm, InvoiceForm, TermsForm
from .models import Contract, Invoice, Payment, Quote, Signature, Terms

for model in (Quote, Contract, Invoice, Terms, Signature, Payment):
    register_permission_policy(model, AgencyScopedPermissionPolicy(model))


def _clients(request):
    return staff_rows(Client, request.user)


def filterset_for(model):
    meta = type("Meta", (), {"model": model, "fields": ["client", "status"]})
    fields = {
        "client": django_filters.ModelChoiceFilter(
            queryset=_clients, label=_("Client"), empty_label=_("Tous")
        ),
        "issued_on": django_filters.DateFromToRangeFilter(
            label=_("Date d'émission"), widget=DateRangePickerWidget
        ),
        "Meta": meta,
    }
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), fields)


def edit_handler(*specific, form=BillingRecordForm):
    return ObjectList(
        [
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("client"), FieldPanel("number")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("issued_on"), FieldPanel("status")]),
            FieldPanel("amount_cents"),
            *specific,
            FieldPanel("pdf"),
        ],
        base_form_class=form,
    )


AMOUNT = amount_column("amount_cents", _("Montant TTC"))


class BillingSnippetViewSet(ScopedSnippetViewSet):
    # Nothing links to billing rows through Wagtail's references.
    usage_shown = False


class BillingViewSet(BillingSnippetViewSet):
    """Quotes, contracts and invoices: listed and filtered alike."""

    related = ("client",)
    ordering = ["-issued_on", "-pk"]
    list_display = ["number", "title", "client", "issued_on", AMOUNT, "status"]

    @cached_property
    def filterset_class(self):
        return filterset_for(self.model)


class QuoteViewSet(BillingViewSet):
    model = Quote
    icon = "doc-full"
    edit_handler = edit_handler(FieldPanel("valid_until"))
    wording = BillingWording(
        add=_("Ajouter un devis"),
        new=_("Nouveau devis"),
        created=_("Le devis %(object)s a été créé."),
        updated=_("Le devis %(object)s a été modifié."),
        deleted=_("Le devis %(object)s a été supprimé."),
        not_created=_(
            "Le devis n'a pas pu être créé : corrigez les erreurs signalées."
        ),
        error=_(
            "Le devis n'a pas pu être enregistré : corrigez les erreurs signalées."
        ),
        confirm_delete=_("Voulez-vous vraiment supprimer le devis %(object)s ?"),
        protected=_(
            "Le devis %(object)s ne peut pas être supprimé : une signature y est "
            "rattachée."
        ),
        deleted_many=ngettext_lazy(
            "%(count)s devis supprimé.", "%(count)s devis supprimés.", "count"
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s devis ?",
            "Voulez-vous vraiment supprimer ces %(count)s devis ?",
            "count",
        ),
    )


class ContractViewSet(BillingViewSet):
    model = Contract
    icon = "doc-full-inverse"
    edit_handler = edit_handler(FieldPanel("starts_on"))
    wording = BillingWording(
        add=_("Ajouter un contrat"),
        new=_("Nouveau contrat"),
        created=_("Le contrat %(object)s a été créé."),
        updated=_("Le contrat %(object)s a été modifié."),
        deleted=_("Le contrat %(object)s a été supprimé."),
        not_created=_(
            "Le contrat n'a pas pu être créé : corrigez les erreurs signalées."
        ),
        error=_(
            "Le contrat n'a pas pu être enregistré : corrigez les erreurs signalées."
        ),
        confirm_delete=_("Voulez-vous vraiment supprimer le contrat %(object)s ?"),
        protected=_(
            "Le contrat %(object)s ne peut pas être supprimé : une signature y est "
            "rattachée."
        ),
        deleted_many=ngettext_lazy(
            "%(count)s contrat supprimé.", "%(count)s contrats supprimés.", "count"
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s contrat ?",
            "Voulez-vous vraiment supprimer ces %(count)s contrats ?",
            "count",
        ),
    )


class InvoiceViewSet(BillingViewSet):
    model = Invoice
    icon = "form"
    list_display = [
        "number",
        "title",
        "client",
        "issued_on",
        AMOUNT,
        amount_column("amount_due_cents", _("Reste à payer")),
        "status",
        YesNoColumn("immediate_advance", label=_("Avance immédiate")),
    ]
    edit_handler = edit_handler(
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("amount_due_cents")]),
        FieldPanel("immediate_advance"),
        form=InvoiceForm,
    )
    wording = BillingWording(
        add=_("Ajouter une facture"),
        new=_("Nouvelle facture"),
        created=_("La facture %(object)s a été créée."),
        updated=_("La facture %(object)s a été modifiée."),
        deleted=_("La facture %(object)s a été supprimée."),
        not_created=_(
            "La facture n'a pas pu être créée : corrigez les erreurs signalées."
        ),
        error=_(
            "La facture n'a pas pu être enregistrée : corrigez les erreurs signalées."
        ),
        confirm_delete=_("Voulez-vous vraiment supprimer la facture %(object)s ?"),
        protected=_(
            "La facture %(object)s ne peut pas être supprimée : un paiement y est "
            "rattaché."
        ),
        deleted_many=ngettext_lazy(
            "%(count)s facture supprimée.", "%(count)s factures supprimées.", "count"
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s facture ?",
            "Voulez-vous vraiment supprimer ces %(count)s factures ?",
            "count",
        ),
    )


class TermsViewSet(BillingSnippetViewSet):
    model = Terms
    icon = "doc-empty"
    related = ("agency",)
    ordering = ["-created_at"]
    list_display = [
        "version",
        "agency",
        AgencyTimeColumn("created_at", label=_("Publiées le")),
    ]
    edit_handler = ObjectList(
        [FieldPanel("agency"), FieldPanel("version"), FieldPanel("pdf")],
        base_form_class=TermsForm,
    )
    wording = BillingWording(
        add=_("Publier de nouvelles conditions générales"),
        new=_("Nouvelles conditions générales"),
        created=_("Les conditions générales %(object)s ont été publiées."),
        updated=_(
            "Les conditions générales %(object)s ne changent pas une fois publiées."
        ),
        deleted=_("Les conditions générales %(object)s ont été supprimées."),
        not_created=_(
            "Les conditions générales n'ont pas pu être publiées : corrigez les "
            "erreurs signalées."
        ),
        error=_(
            "Les conditions générales n'ont pas pu être enregistrées : corrigez les "
            "erreurs signalées."
        ),
        confirm_delete=_(
            "Voulez-vous vraiment supprimer les conditions générales %(object)s ?"
        ),
        protected=_(
            "Les conditions générales %(object)s ne peuvent pas être supprimées : "
            "des signatures y renvoient."
        ),
        deleted_many=ngettext_lazy(
            "%(count)s version des conditions générales supprimée.",
            "%(count)s versions des conditions générales supprimées.",
            "count",
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s version des conditions "
            "générales ?",
            "Voulez-vous vraiment supprimer ces %(count)s versions des conditions "
            "générales ?",
            "count",
        ),
    )


class SignatureStatusFilterSet(WagtailFilterSet):
    class Meta:
        model = Signature
        fields = ["status"]


class SignatureViewSet(BillingSnippetViewSet):
    """Read-only: signatures are made by clients; staff inspect their evidence."""

    model = Signature
    icon = "key"
    related = ("agency", "client", "quote", "contract")
    ordering = ["-created_at"]
    add_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SignatureInspectView
    list_display = [
        "__str__",
        "client",
        "status",
        AgencyTimeColumn("created_at", label=_("Ouverte le")),
        AgencyTimeColumn("signed_at", label=_("Signée le")),
    ]
    filterset_class = SignatureStatusFilterSet
    wording = BillingWording(
        deleted=_("Signature supprimée : %(object)s."),
        confirm_delete=_(
            "Voulez-vous vraiment supprimer cette signature (%(object)s) ?"
        ),
        protected=_(
            "Cette signature (%(object)s) ne peut pas être supprimée : sa preuve "
            "se conserve."
        ),
        deleted_many=ngettext_lazy(
            "%(count)s signature supprimée.",
            "%(count)s signatures supprimées.",
            "count",
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s signature ?",
            "Voulez-vous vraiment supprimer ces %(count)s signatures ?",
            "count",
        ),
    )


class PaymentFilterSet(WagtailFilterSet):
    class Meta:
        model = Payment
        fields = ["status", "provider"]


class PaymentViewSet(BillingSnippetViewSet):
    """Read-only: payments move only on the provider's verified callbacks."""

    model = Payment
    icon = "tick-inverse"
    related = ("agency", "invoice__client")
    ordering = ["-created_at"]
    add_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = PaymentInspectView
    list_display = [
        "__str__",
        "status",
        amount_column("amount_cents", _("Montant")),
        "provider",
        AgencyTimeColumn("created_at", label=_("Créé le")),
    ]
    filterset_class = PaymentFilterSet
    wording = BillingWording(
        deleted=_("Paiement supprimé : %(object)s."),
        confirm_delete=_("Voulez-vous vraiment supprimer ce paiement ?"),
        protected=_("Ce paiement ne peut pas être supprimé."),
        deleted_many=ngettext_lazy(
            "%(count)s paiement supprimé.", "%(count)s paiements supprimés.", "count"
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s paiement ?",
            "Voulez-vous vraiment supprimer ces %(count)s paiements ?",
            "count",
        ),
    )


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


class BillingDeleteBulkAction(WordedDeleteBulkAction):
    models = [Quote, Contract, Invoice, Terms, Signature, Payment]


hooks.register("register_bulk_action", BillingDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def billing_admin_urls():
    return [path("billing/", include("billing.admin_urls"))]
