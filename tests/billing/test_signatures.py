"""Signature rules kept by billing.signatures, called directly, below the API."""

from datetime import date, timedelta
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
from billing.models import Signature, SignatureEvent
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


def refusal(service, **arguments) -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        service(**arguments)
    return error.value


def opened(account, record=None):
    record = record or QuoteFactory(client=account.client)
    return services.signature_open(account=account, record=record, meta=META)


class TestOpen:
    def test_opening_records_the_document_signed_and_who_opens_it(
        self, client_account, terms
    ):
        quote = QuoteFactory(client=client_account.client, number="D-42")
        signature = opened(client_account, quote)
        assert (signature.status, signature.terms, signature.client) == (
            "opened",
            terms,
            client_account.client,
        )
        event = signature.events.get(step="opened").data
        assert event["document"]["number"] == "D-42"
        assert event["document"]["sha256"] == signature.document_sha256
        assert (event["ip"], event["account"]["id"]) == (META["ip"], client_account.pk)

    def test_reopening_cancels_the_request_under_way(self, client_account, terms):
        quote = QuoteFactory(client=client_account.client)
        first = opened(client_account, quote)
        second = opened(client_account, quote)
        first.refresh_from_db()
        assert (first.status, second.status) == ("cancelled", "opened")
        assert first.events.get(step="cancelled").data == {"reason": "reopened"}

    def test_without_published_terms_nothing_opens(self, client_account):
        error = refusal(opened, account=client_account)
        assert (error.code, error.status) == ("terms_missing", 409)
        assert not Signature.objects.exists()

    @pytest.mark.parametrize(
        "fields", [{"status": "signed"}, {"valid_until": date(2020, 1, 1)}]
    )
    def test_a_quote_no_longer_awaiting_signature_is_refused(
        self, client_account, terms, fields
    ):
        quote = QuoteFactory(client=client_account.client, **fields)
        error = refusal(opened, account=client_account, record=quote)
        assert (error.code, error.status) == ("not_signable", 409)
        assert not Signature.objects.exists()


class TestAcceptTerms:
    def test_accepting_records_the_consent_as_shown(self, client_account, terms):
        signature = opened(client_account)
        signature = services.signature_accept_terms(
            signature=signature, version=terms.version, read_to_end=True, meta=META
        )
        assert signature.status == "terms_accepted"
        consent = signature.events.get(step="terms_accepted").data["consent"]
        assert consent == services.consent_text(signature)
        assert terms.version in consent and signature.quote.number in consent

    @pytest.mark.parametrize(
        ("version", "read_to_end", "code"),
        [("2020-01", True, "terms_outdated"), ("2026-11", False, "terms_not_read")],
    )
    def test_a_refusal_records_nothing(
        self, client_account, terms, version, read_to_end, code
    ):
        signature = opened(client_account)
        error = refusal(
            services.signature_accept_terms,
            signature=signature,
            version=version,
            read_to_end=read_to_end,
            meta=META,
        )
        assert error.code == code
        signature.refresh_from_db()
        assert signature.status == "opened"
        assert [e.step for e in signature.events.all()] == ["opened"]


class TestExpiry:
    def test_an_outdated_request_expires_and_goes_no_further(
        self, client_account, terms
    ):
        signature = opened(client_account)
        later = timezone.now() + services.MAX_AGE + timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            error = refusal(
                services.signature_accept_terms,
                signature=signature,
                version=terms.version,
                read_to_end=True,
                meta=META,
            )
            assert (error.code, error.status) == ("not_signable", 409)
            # The expiry stays written although the step was refused.
            assert services.signature_refresh(signature=signature).status == "expired"
        assert (
            SignatureEvent.objects.filter(signature=signature, step="expired").count()
            == 1
        )

    def test_a_recent_request_is_left_as_it_is(self, client_account, terms):
        signature = opened(client_account)
        assert services.signature_refresh(signature=signature).status == "opened"
