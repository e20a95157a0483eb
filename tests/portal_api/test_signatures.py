import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from billing.evidence import evidence_verify
from billing.models import Quote, Signature, SignatureEvent
from home_pages.services import portal_page_configure
from tests.billing.signing import SIGNED_STEPS
from tests.conftest import portal_url, signed_in
from tests.factories import ContractFactory, QuoteFactory, StaffFactory

pytestmark = pytest.mark.django_db
C = "alpha-clients"


@pytest.fixture(autouse=True)
def signature_on(agency):
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "quotes", "contracts", "signature"],
    )


@pytest.fixture
def api(client_account):
    return signed_in(client_account)


@pytest.fixture
def quote(client_account):
    return QuoteFactory(client=client_account.client, title="Aide à domicile")


def open_signature(api, **record):
    return api.post(portal_url(C, "signatures"), record, format="json")


def accept(api, signature_id, version="2026-11", read_to_end=True):
    return api.post(
        portal_url(C, f"signatures/{signature_id}/terms"),
        {"version": version, "read_to_end": read_to_end},
        format="json",
    )


def send_code(api, signature_id):
    mail.outbox.clear()
    response = api.post(portal_url(C, f"signatures/{signature_id}/code"))
    code = None
    if mail.outbox:
        code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    return response, code


def confirm(api, signature_id, code):
    from django.test import TestCase

    # The sealing is queued once the confirmation commits: run it, as the worker
    # would (the test settings' task backend is immediate).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return api.post(
            portal_url(C, f"signatures/{signature_id}/confirm"),
            {"code": code},
            format="json",
        )


def ready_for_code(api, quote):
    signature = open_signature(api, quote=quote.pk).json()
    accept(api, signature["id"])
    return signature["id"]


def wrong(code):
    return f"{(int(code) + 1) % 10**6:06d}"


class TestFlow:
    def test_a_client_signs_a_quote_end_to_end(
        self, api, quote, terms, seal, agency, client_account
    ):
        staff = StaffFactory(agency=agency)
        staff.email = "bureau@agence.example"
        staff.save()
        opened = open_signature(api, quote=quote.pk)
        assert opened.status_code == 201
        body = opened.json()
        assert body["status"] == "opened" and body["terms"]["version"] == "2026-11"
        assert len(body["document_sha256"]) == 64
        assert "2026-11" in body["consent"]
        terms_pdf = api.get(body["terms"]["url"])
        assert terms_pdf.status_code == 200
        assert b"".join(terms_pdf.streaming_content).startswith(b"%PDF")
        assert accept(api, body["id"]).json()["status"] == "terms_accepted"
        sent, code = send_code(api, body["id"])
        assert sent.status_code == 202
        assert sent.json()["channel"] == "email"
        assert sent.json()["destination"] == "c***@e***.org"
        done = confirm(api, body["id"], code)
        assert done.status_code == 200, done.json()
        assert done.json()["status"] == "signed"
        quote.refresh_from_db()
        assert quote.status == Quote.Status.SIGNED
        # Sealed by the worker once the confirmation committed.
        state = api.get(portal_url(C, f"signatures/{body['id']}")).json()
        signed_id = state["signed_document"]
        assert state["status"] == "signed" and signed_id
        listed = api.get(portal_url(C, "documents")).json()["results"]
        assert {signed_id, quote.document_id} <= {d["id"] for d in listed}
        assert any("signé" in m.subject for m in mail.outbox if m.to == [staff.email])
        signature = Signature.objects.get(pk=body["id"])
        assert [e.step for e in signature.events.all()] == SIGNED_STEPS
        assert evidence_verify(signature.events.all()) is None

    def test_a_contract_is_signed_the_same_way(self, api, client_account, terms, seal):
        contract = ContractFactory(client=client_account.client)
        signature = open_signature(api, contract=contract.pk).json()
        accept(api, signature["id"])
        _sent, code = send_code(api, signature["id"])
        assert confirm(api, signature["id"], code).json()["status"] == "signed"
        contract.refresh_from_db()
        assert contract.status == "signed"


class TestRefusals:
    def test_terms_must_be_read_to_the_end_and_current(self, api, quote, terms):
        signature = open_signature(api, quote=quote.pk).json()
        not_read = accept(api, signature["id"], read_to_end=False)
        assert not_read.json()["error"]["code"] == "terms_not_read"
        old = accept(api, signature["id"], version="2025-01")
        assert old.json()["error"]["code"] == "terms_outdated"
        response, _code = send_code(api, signature["id"])
        assert response.status_code == 409
        assert not mail.outbox

    def test_a_wrong_code_is_refused_and_counted(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        response = confirm(api, signature_id, wrong(code))
        assert response.status_code == 400
        assert response.json()["error"] == {
            "code": "invalid_code",
            "message": "Code incorrect. Encore 4 essais avant le blocage de la "
            "signature.",
        }
        assert Signature.objects.get(pk=signature_id).code_attempts == 1

    def test_five_wrong_codes_lock_the_signature(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        statuses = [
            confirm(api, signature_id, wrong(code)).status_code for _ in "12345"
        ]
        assert statuses == [400, 400, 400, 400, 423]
        locked = confirm(api, signature_id, code)
        assert locked.status_code == 423
        assert locked.json()["error"]["code"] == "locked"
        quote.refresh_from_db()
        assert quote.status == "pending"

    def test_an_expired_code_is_refused(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        Signature.objects.filter(pk=signature_id).update(
            code_expires_at=timezone.now() - timedelta(seconds=1)
        )
        response = confirm(api, signature_id, code)
        assert response.json()["error"]["code"] == "code_expired"

    def test_a_new_code_voids_the_previous_one(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, first = send_code(api, signature_id)
        Signature.objects.filter(pk=signature_id).update(
            last_code_sent_at=timezone.now() - timedelta(minutes=2)
        )
        _sent, second = send_code(api, signature_id)
        if first != second:
            assert confirm(api, signature_id, first).status_code == 400

    def test_a_resend_waits_a_minute_and_five_a_day(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        assert send_code(api, signature_id)[0].status_code == 202
        too_soon = send_code(api, signature_id)[0]
        assert too_soon.status_code == 429
        assert 55 <= int(too_soon["Retry-After"]) <= 60
        for _ in range(4):
            Signature.objects.filter(pk=signature_id).update(
                last_code_sent_at=timezone.now() - timedelta(minutes=2)
            )
            assert send_code(api, signature_id)[0].status_code == 202
        Signature.objects.filter(pk=signature_id).update(
            last_code_sent_at=timezone.now() - timedelta(minutes=2)
        )
        day_done = send_code(api, signature_id)[0]
        assert (day_done.status_code, day_done["Retry-After"]) == (429, "86400")

    def test_a_signed_quote_cannot_be_signed_again(self, api, quote, terms, seal):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        confirm(api, signature_id, code)
        again = open_signature(api, quote=quote.pk)
        assert again.status_code == 409

    def test_without_terms_nothing_can_be_signed(self, api, quote):
        response = open_signature(api, quote=quote.pk)
        assert response.json()["error"]["code"] == "terms_missing"

    def test_the_section_off_answers_section_disabled(self, agency, api, quote, terms):
        portal_page_configure(
            page=agency.portals.get(kind="client").page, menu_sections=["documents"]
        )
        response = open_signature(api, quote=quote.pk)
        assert response.json()["error"]["code"] == "section_disabled"


class TestEvidence:
    def test_any_edit_breaks_the_chain(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        events = list(SignatureEvent.objects.filter(signature_id=signature_id))
        assert evidence_verify(events) is None
        events[1].data = {**events[1].data, "ip": "10.0.0.1"}
        assert evidence_verify(events) == 2
        assert evidence_verify([events[0], *events[2:]]) is not None

    def test_events_can_be_neither_changed_nor_deleted(self, api, quote, terms):
        from django.core.exceptions import ValidationError

        signature_id = ready_for_code(api, quote)
        event = SignatureEvent.objects.filter(signature_id=signature_id).first()
        with pytest.raises(ValidationError):
            event.save()
        with pytest.raises(ValidationError):
            event.delete()


def test_the_quote_shows_its_signature_state(api, quote, terms):
    assert api.get(portal_url(C, f"quotes/{quote.pk}")).json()["signature"] is None
    signature_id = ready_for_code(api, quote)
    state = api.get(portal_url(C, f"quotes/{quote.pk}")).json()["signature"]
    assert state == {
        "id": signature_id,
        "status": "terms_accepted",
        "signed_document": None,
    }


class TestEvidenceInTheDatabase:
    def test_events_cannot_be_changed_or_deleted_even_in_bulk(self, api, quote, terms):
        from django.db import DatabaseError, transaction

        signature_id = ready_for_code(api, quote)
        events = SignatureEvent.objects.filter(signature_id=signature_id)
        with pytest.raises(DatabaseError), transaction.atomic():
            events.update(step="forged")
        with pytest.raises(DatabaseError), transaction.atomic():
            events.delete()
        assert events.count() == 3

    def test_dropping_the_last_events_breaks_the_chain(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        signature = Signature.objects.get(pk=signature_id)
        events = list(signature.events.all())
        assert evidence_verify(events, signature.evidence_head) is None
        assert evidence_verify(events[:-1], signature.evidence_head) == 3


class TestNoWayAround:
    def test_a_locked_quote_cannot_be_reopened_for_a_day(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        for _ in range(5):
            confirm(api, signature_id, wrong(code))
        reopened = open_signature(api, quote=quote.pk)
        assert reopened.status_code == 423

    def test_a_new_code_does_not_reset_the_wrong_attempts(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        for _ in range(3):
            confirm(api, signature_id, wrong(code))
        Signature.objects.filter(pk=signature_id).update(
            last_code_sent_at=timezone.now() - timedelta(minutes=2)
        )
        _sent, code = send_code(api, signature_id)
        assert confirm(api, signature_id, wrong(code)).status_code == 400
        assert confirm(api, signature_id, wrong(code)).status_code == 423

    def test_reopening_does_not_give_five_more_codes(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        for _ in range(5):
            Signature.objects.filter(pk=signature_id).update(last_code_sent_at=None)
            assert send_code(api, signature_id)[0].status_code == 202
        again = ready_for_code(api, quote)
        assert send_code(api, again)[0].status_code == 429

    def test_a_quote_refused_meanwhile_is_not_signed(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        Quote.objects.filter(pk=quote.pk).update(status="refused")
        response = confirm(api, signature_id, code)
        assert response.status_code == 409
        quote.refresh_from_db()
        assert quote.status == "refused"

    def test_an_outdated_quote_cannot_be_opened(self, api, client_account, terms):
        from datetime import date

        old = QuoteFactory(client=client_account.client, valid_until=date(2020, 1, 1))
        assert open_signature(api, quote=old.pk).status_code == 409

    def test_a_new_pdf_cancels_the_signature_under_way(self, api, quote, terms):
        from billing.services import billing_record_save
        from tests.factories import pdf_upload

        signature_id = ready_for_code(api, quote)
        _sent, code = send_code(api, signature_id)
        billing_record_save(
            record=Quote.objects.get(pk=quote.pk), upload=pdf_upload(title="v2")
        )
        assert Signature.objects.get(pk=signature_id).status == "cancelled"
        assert confirm(api, signature_id, code).status_code == 409
        quote.refresh_from_db()
        assert quote.status == "pending"

    def test_an_expired_request_stays_expired(self, api, quote, terms):
        signature_id = ready_for_code(api, quote)
        Signature.objects.filter(pk=signature_id).update(
            created_at=timezone.now() - timedelta(days=8)
        )
        assert send_code(api, signature_id)[0].status_code == 409
        assert Signature.objects.get(pk=signature_id).status == "expired"
