"""The outbox (issue 15): each event type written by the real service, in the
change's transaction, with ids only; a rolled-back change leaves none."""

import pytest
from django.db import transaction

from access.errors import ApplicationError
from access.services.accounts import (
    portal_account_delete,
    portal_account_generate,
    portal_account_regenerate,
)
from access.services.profile import profile_update
from billing.payments import payment_callback, payment_start
from integration.events import event_record
from integration.models import Event
from messaging import services as messaging
from planning.coupons import coupon_cancel, coupon_change, coupon_submit
from planning.kinds import KINDS
from planning.services import planning_item_delete, planning_item_update
from tests.billing.signing import signed_signature
from tests.billing.test_payments import sandbox_callback
from tests.conftest import wagtail_roots
from tests.factories.access import (
    AgencyFactory,
    ClientFactory,
    IntervenantFactory,
    StaffFactory,
)
from tests.factories.billing import InvoiceFactory
from tests.factories.planning import InterventionFactory
from tests.planning.test_services import absence

pytestmark = pytest.mark.django_db


def recorded(area=""):
    """(agency id, type, data) of the events of `area` (`planning`...; every one
    when blank), in cursor order; each data checked to hold ids only (the planning's
    kind aside): never a name, a text or a secret. The area leaves out what the
    fixtures emit (their portal accounts: `account.created`)."""
    events = list(Event.objects.filter(type__startswith=area).order_by("pk"))
    for event in events:
        for name, value in event.data.items():
            if name == "kind":
                assert value in KINDS
            else:
                assert value is None or type(value) is int, (event.type, name)
    return [(event.agency_id, event.type, event.data) for event in events]


class Rollback(Exception):
    pass


def assert_rolled_back(change):
    """`change` emits inside its transaction, and nothing is left once the
    transaction around it rolls back."""
    before = Event.objects.count()
    with pytest.raises(Rollback):
        with transaction.atomic():
            change()
            assert Event.objects.count() > before
            raise Rollback
    assert Event.objects.count() == before


def test_event_record_takes_an_agency_or_its_id(agency):
    event_record(agency=agency, type="profile.changed", data={"client": 1})
    event_record(agency=agency.pk, type="profile.changed", data={"client": 2})
    assert [data for _a, _t, data in recorded()] == [{"client": 1}, {"client": 2}]


def test_an_unknown_type_is_refused(agency):
    with pytest.raises(ValueError):
        event_record(agency=agency, type="planning.moved", data={})


class TestPlanning:
    def test_portal_writes_emit_created_changed_deleted(self, intervenant_account):
        item = absence(intervenant_account)
        item = planning_item_update(
            account=intervenant_account,
            kind="absences",
            item_id=item.pk,
            version=item.version,
            values={"reason": "Rendez-vous médical"},
        )
        planning_item_delete(
            account=intervenant_account,
            kind="absences",
            item_id=item.pk,
            version=item.version,
        )
        agency_id = intervenant_account.intervenant.agency_id
        data = {"kind": "absences", "id": item.pk}
        assert recorded("planning.") == [
            (agency_id, "planning.created", data),
            (agency_id, "planning.changed", data),
            (agency_id, "planning.deleted", data),
        ]

    def test_changes_made_elsewhere_emit_nothing(self, agency):
        # The agency's own writes (its API, the admin) are no news to it.
        InterventionFactory(client=ClientFactory(agency=agency))
        assert recorded() == []

    def test_a_refused_write_emits_nothing(self, intervenant_account):
        item = absence(intervenant_account)
        with pytest.raises(ApplicationError):
            planning_item_update(
                account=intervenant_account,
                kind="absences",
                item_id=item.pk,
                version=item.version + 1,
                values={"reason": "Trop tard"},
            )
        assert [event_type for _a, event_type, _d in recorded("planning.")] == [
            "planning.created"
        ]

    def test_rolled_back(self, intervenant_account):
        assert_rolled_back(lambda: absence(intervenant_account))


class TestCoupons:
    @pytest.fixture
    def visit(self, agency):
        return InterventionFactory(
            client=ClientFactory(agency=agency),
            intervenant=IntervenantFactory(agency=agency),
            past=True,
        )

    def submit(self, visit):
        return coupon_submit(
            intervenant=visit.intervenant,
            intervention_id=visit.pk,
            values={"start": visit.start, "end": visit.end},
        )

    def test_submitted_changed_cancelled(self, visit):
        coupon = self.submit(visit)
        coupon_change(
            intervenant=visit.intervenant,
            coupon_id=coupon.pk,
            values={"comment": "Courses faites"},
        )
        coupon_cancel(
            intervenant=visit.intervenant, coupon_id=coupon.pk, reason="Doublon"
        )
        data = {"coupon": coupon.pk, "intervention": visit.pk}
        assert recorded("coupon.") == [
            (visit.agency_id, "coupon.submitted", data),
            (visit.agency_id, "coupon.changed", data),
            (visit.agency_id, "coupon.cancelled", data),
        ]

    def test_rolled_back(self, visit):
        assert_rolled_back(lambda: self.submit(visit))


class TestProfile:
    def change(self, account):
        profile_update(account=account, values={"phone": "0696 00 00 00"})

    def test_changed(self, intervenant_account):
        self.change(intervenant_account)
        person = intervenant_account.intervenant
        assert recorded("profile.") == [
            (
                person.agency_id,
                "profile.changed",
                {"intervenant": person.pk, "account": intervenant_account.pk},
            )
        ]

    def test_rolled_back(self, intervenant_account):
        assert_rolled_back(lambda: self.change(intervenant_account))


class TestAccounts:
    def test_created_regenerated_deleted(self, agency):
        person = ClientFactory(agency=agency)
        account = portal_account_generate(person=person).account
        portal_account_regenerate(account=account)
        account_id = account.pk
        portal_account_delete(account=account)
        data = {"account": account_id, "client": person.pk}
        assert recorded() == [
            (agency.pk, "account.created", data),
            (agency.pk, "account.regenerated", data),
            (agency.pk, "account.deleted", data),
        ]

    def test_rolled_back(self, agency):
        person = IntervenantFactory(agency=agency)
        assert_rolled_back(lambda: portal_account_generate(person=person))


class TestMessages:
    def test_a_persons_messages_are_received_staffs_are_not(
        self, agency, client_account
    ):
        person = client_account.client
        conversation = messaging.conversation_start(
            person=person, author=client_account, subject="Planning", body="Bonjour"
        )
        first = conversation.messages.get()
        reply = messaging.message_reply(
            conversation=conversation, author=client_account, body="Encore moi"
        )
        messaging.message_reply(
            conversation=conversation, author=StaffFactory(agency=agency), body="Oui"
        )
        assert recorded("message.") == [
            (
                agency.pk,
                "message.received",
                {
                    "conversation": conversation.pk,
                    "message": message.pk,
                    "client": person.pk,
                },
            )
            for message in (first, reply)
        ]

    def test_rolled_back(self, client_account):
        assert_rolled_back(
            lambda: messaging.conversation_start(
                person=client_account.client,
                author=client_account,
                subject="Planning",
                body="Bonjour",
            )
        )


class TestPayments:
    @pytest.fixture
    def started(self, client_account):
        invoice = InvoiceFactory(
            client=client_account.client, amount_cents=31250, amount_due_cents=31250
        )
        payment, _created = payment_start(account=client_account, invoice=invoice)
        return payment

    def callback(self, payment, *, paid):
        body, headers = sandbox_callback(payment, paid=paid)
        return payment_callback(provider_name="sandbox", body=body, headers=headers)

    @pytest.mark.parametrize("paid", [True, False])
    def test_succeeded_or_failed(self, started, paid):
        self.callback(started, paid=paid)
        assert recorded("payment.") == [
            (
                started.agency_id,
                "payment.succeeded" if paid else "payment.failed",
                {"payment": started.pk, "invoice": started.invoice_id},
            )
        ]

    def test_rolled_back(self, started):
        assert_rolled_back(lambda: self.callback(started, paid=True))


class TestSignatures:
    def test_completed_once_sealed_with_the_sealed_document(
        self, seal, terms, client_account
    ):
        signature = signed_signature(client_account, seal=False)
        assert recorded("signature.") == []  # signed, not yet sealed
        from billing.signatures import signature_seal

        signature = signature_seal(signature=signature)
        assert signature.signed_document_id
        assert recorded("signature.") == [
            (
                signature.agency_id,
                "signature.completed",
                {
                    "signature": signature.pk,
                    "quote": signature.quote_id,
                    "contract": None,
                    "client": client_account.client.pk,
                    "signed_document": signature.signed_document_id,
                },
            )
        ]
        signature_seal(signature=signature)  # again: nothing new
        assert len(recorded("signature.")) == 1


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_agencys_events_commit_in_cursor_order():
    """While one transaction holds an unfinished event of the agency, another
    waits to write one (so ids commit in order and the feed skips none); another
    agency's events do not wait."""
    import threading

    from django.db import OperationalError, connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's IMMEDIATE transactions serialise writers already")
    # Made here: a transactional test cannot count on the migrations' rows, which an
    # earlier transactional test may have emptied.
    wagtail_roots()
    agency, other_agency = AgencyFactory(), AgencyFactory()
    held, release, errors = threading.Event(), threading.Event(), []

    def first_writer():
        try:
            with transaction.atomic():
                event_record(agency=agency, type="profile.changed", data={"client": 1})
                held.set()
                release.wait(10)
        except Exception as error:  # noqa: BLE001 — reported by the assertion
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_writer)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(OperationalError, match="lock timeout"):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '300ms'")
                event_record(agency=agency, type="profile.changed", data={"client": 2})
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            event_record(
                agency=other_agency, type="profile.changed", data={"client": 3}
            )
    finally:
        release.set()
        thread.join()
    assert errors == []
    event_record(agency=agency, type="profile.changed", data={"client": 4})
    assert [data["client"] for _a, _t, data in recorded("profile.")] == [1, 3, 4]
