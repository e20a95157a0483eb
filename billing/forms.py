from django import forms
from django.utils.translation import gettext_lazy as _

from access.forms import AgencyScopedForm
from access.models import Client
from access.staff_scope import staff_rows

from .models import Invoice
from .money import EuroField
from .services import (
    PDF_LOCKED,
    billing_record_save,
    pdf_locked,
    terms_publish,
    validate_pdf,
)


class BillingRecordForm(AgencyScopedForm):
    """The record with its PDF, which the service publishes to the client; its
    amount typed and shown in euros, kept in cents."""

    amount_cents = EuroField(
        label=_("Montant TTC (€)"),
        help_text=_("Par exemple 125,50 €."),
    )
    pdf = forms.FileField(
        label=_("PDF"),
        required=False,
        help_text=_("Publié sur le portail du client dès l'enregistrement."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is not None and "client" in self.fields:
            self.fields["client"].queryset = staff_rows(Client, for_user)
        if self.instance.pk is None:
            self.fields["pdf"].required = True

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload:
            validate_pdf(upload)
        return upload

    def clean(self):
        data = super().clean()
        agency, client = data.get("agency"), data.get("client")
        if agency and client and client.agency_id != agency.pk:
            self.add_error("client", _("Ce client n'est pas de l'agence."))
        if data.get("pdf") and pdf_locked(self.instance):
            self.add_error("pdf", PDF_LOCKED)
        return data

    def save(self, commit=True):
        return billing_record_save(
            record=self.instance,
            upload=self.cleaned_data.get("pdf"),
            uploaded_by=self.for_user,
        )


class InvoiceForm(BillingRecordForm):
    amount_due_cents = EuroField(
        label=_("Reste à payer (€)"),
        required=False,
        help_text=_(
            "Laissé vide : le montant entier pour une facture à payer, 0 € sinon."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("amount_due_cents") is None and "amount_due_cents" not in (
            self.errors
        ):
            amount = data.get("amount_cents")
            if data.get("status") == Invoice.Status.PENDING:
                data["amount_due_cents"] = amount
            else:
                data["amount_due_cents"] = 0
            if data["amount_due_cents"] is None:
                data.pop("amount_due_cents")
        return data


class TermsForm(AgencyScopedForm):
    """A new version of the general terms with its PDF; a version never changes
    once published, since signatures point at it."""

    pdf = forms.FileField(label=_("PDF des conditions générales"), required=False)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if self.instance.pk is None:
            self.fields["pdf"].required = True
        else:
            for field in self.fields.values():
                field.disabled = True

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload:
            validate_pdf(upload)
        return upload

    def save(self, commit=True):
        if self.instance.pk is not None:
            return self.instance
        return terms_publish(
            agency=self.cleaned_data["agency"],
            version=self.cleaned_data["version"],
            upload=self.cleaned_data["pdf"],
            uploaded_by=self.for_user,
        )
