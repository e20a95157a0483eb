"""The one-time signature code: who receives it and what the message shows."""

import re

import pytest
from django.core import mail

from billing import signatures as services
from tests.billing.signing import CODE, META, signature_to_code
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


class TestCodeMessage:
    def test_the_code_is_in_the_body_never_in_the_subject(self, client_account, terms):
        mail.outbox.clear()
        signature_to_code(client_account)
        (message,) = mail.outbox
        assert CODE in message.body
        assert CODE not in message.subject
        assert not re.search(r"\d{6}", message.subject)


class TestWhoReceivesTheCode:
    def test_the_code_goes_to_the_accounts_address_not_the_clients_record(
        self, client_account, terms
    ):
        # Staff edit the client's record; the account's own contact is unchanged.
        client = client_account.client
        client.email = "bureau@agence.example"
        client.save()
        mail.outbox.clear()
        signature = signature_to_code(client_account)
        (message,) = mail.outbox
        assert message.to == ["camille@example.org"]
        sent = signature.events.get(step="code_sent").data
        assert sent["contact_source"] == "account.email"
        assert sent["destination"] == "c***@e***.org"

    def test_an_account_without_an_address_gets_no_code(self, client_account, terms):
        client_account.email = ""
        client_account.save()
        signature = services.signature_open(
            account=client_account,
            record=QuoteFactory(client=client_account.client),
            meta=META,
        )
        services.signature_accept_terms(
            signature=signature, version="2026-11", read_to_end=True, meta=META
        )
        mail.outbox.clear()
        with pytest.raises(Exception) as refused:
            services.signature_send_code(signature=signature, meta=META)
        assert getattr(refused.value, "code", None) == "no_contact"
        assert mail.outbox == []
