"""Quotes, contracts, invoices and terms, saved through the billing services: each
comes with its PDF published on the portal, as staff's uploads do."""

from datetime import date

import factory

from billing.models import Contract, Invoice, Quote, Terms
from billing.services import billing_record_save, terms_publish

from .base import made_by
from .media import pdf_upload


class BillingRecordFactory(factory.django.DjangoModelFactory):
    """A record of `client` (required), in the client's agency, through
    `billing_record_save`."""

    agency = factory.SelfAttribute("client.agency")
    number = factory.Sequence(lambda n: f"N-{n}")
    issued_on = date(2026, 11, 2)
    amount_cents = 12550

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **fields):
        fields.setdefault("title", f"{model_class._meta.verbose_name} test")
        return billing_record_save(record=model_class(**fields), upload=pdf_upload())


class QuoteFactory(BillingRecordFactory):
    class Meta:
        model = Quote


class ContractFactory(BillingRecordFactory):
    class Meta:
        model = Contract


class InvoiceFactory(BillingRecordFactory):
    amount_due_cents = 12550

    class Meta:
        model = Invoice


class TermsFactory(made_by(terms_publish)):
    """A version of `agency`'s (required) general terms, through `terms_publish`."""

    version = "2026-11"
    upload = factory.LazyFunction(pdf_upload)

    class Meta:
        model = Terms
