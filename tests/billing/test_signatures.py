"""Signature rules kept by billing.signatures, below the API."""

from datetime import timedelta
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from access.errors import ApplicationError
from access.services import (
    INVITATION,
    account_email_change,
    portal_account_accept_invitation,
    portal_account_generate,
)
from billing import signatures as services
from billing.models import Signature
from tests.billing.signing import CODE, META, signature_to_code
from tests.factories import ClientFactory, QuoteFactory, StaffFactory

pytestmark = pytest.mark.django_db
WRONG = "000000" if CODE != "000000" else "111111"


def confirm_status(signature, code=WRONG):
    try:
        services.signature_confirm(signature=signature, code=code, meta=META)
    except ApplicationError as error:
        return error.status
    return 200


class TestWrongCodesCountPerRecord:
    def test_new_signatures_do_not_start_the_count_again(self, client_account, terms):
        quote = QuoteFactory(client=client_account.client)
        first = signature_to_code(client_account, quote)
        assert [confirm_status(first) for _ in range(4)] == [400] * 4
        second = signature_to_code(client_account, quote)
        # The fifth wrong code of the quote, whatever the request, locks it.
        assert confirm_status(second) == 423
        assert Signature.objects.get(pk=second.pk).status == "locked"
        with pytest.raises(ApplicationError) as reopened:
            services.signature_open(account=client_account, record=quote, meta=META)
        assert reopened.value.status == 423

    def test_three_rounds_of_four_never_pass_the_limit(self, client_account, terms):
        quote = QuoteFactory(client=client_account.client)
        statuses = []
        for _round in range(3):
            try:
                signature = signature_to_code(client_account, quote)
            except ApplicationError as error:
                statuses.append(error.status)
                break
            statuses += [confirm_status(signature) for _ in range(4)]
        assert 423 in statuses
        assert statuses.count(400) == 4

    def test_wrong_codes_older_than_the_lock_window_no_longer_count(
        self, client_account, terms
    ):
        quote = QuoteFactory(client=client_account.client)
        first = signature_to_code(client_account, quote)
        for _ in range(4):
            confirm_status(first)
        later = timezone.now() + services.LOCK_PERIOD + timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            second = signature_to_code(client_account, quote)
            assert confirm_status(second) == 400

    def test_the_evidence_numbers_the_wrong_codes_of_the_record(
        self, client_account, terms
    ):
        quote = QuoteFactory(client=client_account.client)
        first = signature_to_code(client_account, quote)
        confirm_status(first)
        confirm_status(first)
        second = signature_to_code(client_account, quote)
        confirm_status(second)
        rejected = second.events.get(step="code_rejected").data
        assert rejected["attempt"] == 3


class TestContactInTheEvidence:
    """Staff must not sign in a client's name unseen: the step that sends the code
    says whose address it went to, and how far the client is known to hold it."""

    def test_a_typed_password_and_a_changed_address_show_in_the_evidence(
        self, agency, client_account, terms
    ):
        staff = StaffFactory(agency=agency)
        staff.first_name, staff.last_name = "Sam", "Bureau"
        staff.save()
        account_email_change(
            account=client_account, email="bureau@agence.example", changed_by=staff
        )
        signature = signature_to_code(client_account)
        contact = signature.events.get(step="code_sent").data["contact"]
        change = contact.pop("changes")
        assert contact == {
            "email": "bureau@agence.example",
            "confirmed_at": None,
            "account_created_via": "password_typed",
        }
        assert [(c["old"], c["new"], c["by"]) for c in change] == [
            (
                "camille@example.org",
                "bureau@agence.example",
                {"id": staff.pk, "name": "Sam Bureau"},
            )
        ]
        assert change[0]["at"]

    def test_an_address_the_client_confirmed_shows_when(self, agency, terms):
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), mode=INVITATION, send_email=True
        )
        token = parse_qs(urlparse(credentials.invitation_link).query)["token"][0]
        account = portal_account_accept_invitation(
            portal=credentials.account.portal,
            token=token,
            new_password="Un mot de passe bien long 42",
        )
        signature = signature_to_code(account)
        contact = signature.events.get(step="code_sent").data["contact"]
        account.refresh_from_db()
        assert contact["account_created_via"] == "invitation"
        assert contact["confirmed_at"] == account.email_confirmed_at.isoformat()
        assert contact["changes"] == []
