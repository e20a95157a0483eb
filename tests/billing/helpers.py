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


META = {"ip": "203.0.113.7", "user_agent": "pytest", "identifier": "x"}
CODE = "428913"


def signature_to_code(account, record=None, version="2026-11"):
    """A signature of a new quote of the account's client, up to the code sent
    (the code is CODE, whatever the e-mail backend)."""
    from unittest import mock

    from billing import signatures as services

    record = record or make_quote(account.client)
    signature = services.signature_open(account=account, record=record, meta=META)
    services.signature_accept_terms(
        signature=signature, version=version, read_to_end=True, meta=META
    )
    with mock.patch("billing.signatures.new_code", return_value=CODE):
        services.signature_send_code(signature=signature, meta=META)
    return signature


def signed_signature(account, record=None, *, seal=True):
    """A signature confirmed with the right code, and sealed unless told not to
    (the seal settings must be in place: the `seal` fixture)."""
    from billing import signatures as services

    signature = signature_to_code(account, record)
    signature = services.signature_confirm(signature=signature, code=CODE, meta=META)
    if seal:
        signature = services.signature_seal(signature=signature)
    signature.refresh_from_db()
    return signature
