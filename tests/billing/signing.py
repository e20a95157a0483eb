"""Steps of the signature flow, for tests that start from a signature under way
(the records themselves come from tests.factories)."""

from unittest import mock

from billing import signatures as services
from tests.factories import QuoteFactory

META = {"ip": "203.0.113.7", "user_agent": "pytest", "identifier": "x"}
CODE = "428913"
# The evidence of a signature signed and sealed, step by step.
SIGNED_STEPS = [
    "opened",
    "terms_read",
    "terms_accepted",
    "code_sent",
    "code_verified",
    "sealed",
]


def signature_to_code(account, record=None, version="2026-11"):
    """A signature of a new quote of the account's client, up to the code sent
    (the code is CODE, whatever the e-mail backend)."""
    record = record or QuoteFactory(client=account.client)
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
    signature = signature_to_code(account, record)
    signature = services.signature_confirm(signature=signature, code=CODE, meta=META)
    if seal:
        signature = services.signature_seal(signature=signature)
    signature.refresh_from_db()
    return signature
