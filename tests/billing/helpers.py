from datetime import date

from billing.models import Contract, Invoice, Quote
from billing.services import billing_record_save
from tests.documents import pdf_upload

_numbers = iter(range(1, 10**6))


def make_record(model, client, **fields):
    values = {
        "agency": client.agency,
        "client": client,
        "number": f"N-{next(_numbers)}",
        "title": f"{model._meta.verbose_name} test",
        "issued_on": date(2026, 11, 2),
        "amount_cents": 12550,
    }
    if model is Invoice:
        values["amount_due_cents"] = fields.pop("amount_due_cents", 12550)
    values.update(fields)
    return billing_record_save(record=model(**values), upload=pdf_upload())


def make_quote(client, **fields):
    return make_record(Quote, client, **fields)


def make_contract(client, **fields):
    return make_record(Contract, client, **fields)


def make_invoice(client, **fields):
    return make_record(Invoice, client, **fields)
