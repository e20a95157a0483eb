"""planning.coupons called directly: coupons stay near the visit they declare, one
active per visit; validating one checks the visit fully (overlap included) before
moving it to the declared times; rejecting one says why and frees the visit."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.errors import ApplicationError
from planning.coupons import (
    coupon_cancel,
    coupon_change,
    coupon_reject,
    coupon_submit,
    coupon_validate,
)
from planning.models import COUPON_MAX_KILOMETRES, COUPON_WINDOW, Coupon
from planning.selectors import coupons_for_intervenant
from tests.factories import (
    ClientFactory,
    CouponFactory,
    IntervenantFactory,
    InterventionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(agency):
    return IntervenantFactory(agency=agency)


@pytest.fixture
def family(agency):
    return ClientFactory(agency=agency)


@pytest.fixture
def done_visit(family, worker):
    return InterventionFactory(client=family, intervenant=worker, past=True)


def submit(worker, visit, **values):
    values = {"start": visit.start, "end": visit.end, **values}
    return coupon_submit(intervenant=worker, intervention_id=visit.pk, values=values)


def refusal(service, **arguments) -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        service(**arguments)
    return error.value


class TestDeclaredTimes:
    def test_times_near_the_visit_are_accepted(self, worker, done_visit):
        early = submit(worker, done_visit, start=done_visit.start - COUPON_WINDOW)
        assert early.pk
        coupon_cancel(intervenant=worker, coupon_id=early.pk, reason="Erreur")
        late = submit(worker, done_visit, end=done_visit.end + COUPON_WINDOW)
        assert late.pk

    def test_a_start_far_from_the_visit_is_refused(self, worker, done_visit):
        with pytest.raises(ValidationError) as error:
            submit(
                worker,
                done_visit,
                start=done_visit.start - COUPON_WINDOW - timedelta(minutes=1),
            )
        assert "start" in error.value.message_dict
        assert "12 heures du début prévu" in error.value.message_dict["start"][0]
        assert not Coupon.objects.exists()

    def test_an_end_far_from_the_visit_is_refused(self, worker, done_visit):
        with pytest.raises(ValidationError) as error:
            submit(worker, done_visit, end=done_visit.end + timedelta(days=3650))
        assert "end" in error.value.message_dict
        assert "12 heures de la fin prévue" in error.value.message_dict["end"][0]

    def test_the_end_follows_the_start(self, worker, done_visit):
        with pytest.raises(ValidationError) as error:
            submit(worker, done_visit, end=done_visit.start)
        assert "end" in error.value.message_dict

    def test_a_declared_visit_lasts_at_most_a_day(self, family, worker):
        start = timezone.now().replace(microsecond=0) - timedelta(days=2)
        long_visit = InterventionFactory(
            client=family, intervenant=worker, start=start, hours=20
        )
        with pytest.raises(ValidationError) as error:
            submit(
                worker,
                long_visit,
                start=start - timedelta(hours=3),
                end=long_visit.end + timedelta(hours=2),
            )
        assert "24 heures" in error.value.message_dict["end"][0]

    def test_changing_is_held_to_the_same_window(self, worker, done_visit):
        coupon = submit(worker, done_visit)
        with pytest.raises(ValidationError) as error:
            coupon_change(
                intervenant=worker,
                coupon_id=coupon.pk,
                values={"end": done_visit.end + timedelta(days=3650)},
            )
        assert "end" in error.value.message_dict
        coupon.refresh_from_db()
        assert coupon.end == done_visit.end


class TestKilometres:
    def test_up_to_the_cap_is_accepted(self, worker, done_visit):
        coupon = submit(worker, done_visit, kilometres=Decimal(COUPON_MAX_KILOMETRES))
        assert coupon.kilometres == COUPON_MAX_KILOMETRES

    def test_above_the_cap_is_refused(self, worker, done_visit):
        with pytest.raises(ValidationError) as error:
            submit(worker, done_visit, kilometres=Decimal("1000.1"))
        assert "kilometres" in error.value.message_dict
        assert "1000" in error.value.message_dict["kilometres"][0]

    def test_negative_is_refused(self, worker, done_visit):
        with pytest.raises(ValidationError) as error:
            submit(worker, done_visit, kilometres=Decimal("-1"))
        assert "kilometres" in error.value.message_dict


class TestValidation:
    def test_an_overlapping_declaration_is_not_validated(
        self, agency, family, worker, done_visit
    ):
        later = InterventionFactory(
            client=ClientFactory(agency=agency),
            intervenant=worker,
            start=done_visit.end + timedelta(hours=1),
        )
        coupon = submit(worker, done_visit, end=later.start + timedelta(minutes=30))
        with pytest.raises(ValidationError) as error:
            coupon_validate(coupon=coupon)
        message = " ".join(error.value.messages)
        assert "Le coupon ne peut pas être validé" in message
        assert "Chevauchement" in message
        coupon.refresh_from_db()
        done_visit.refresh_from_db()
        assert coupon.status == "submitted" and coupon.planned_start is None
        assert coupon.decided_at is None
        assert done_visit.status == "planned"
        assert done_visit.end == done_visit.start + timedelta(hours=2)
        assert done_visit.version == 1

    def test_a_ten_year_declaration_is_never_validated(self, worker, done_visit):
        # Written without validation, as an older coupon may be.
        coupon = CouponFactory(
            intervention=done_visit, end=done_visit.start + timedelta(days=3650)
        )
        with pytest.raises(ValidationError) as error:
            coupon_validate(coupon=coupon)
        assert "Le coupon ne peut pas être validé" in " ".join(error.value.messages)
        coupon.refresh_from_db()
        done_visit.refresh_from_db()
        assert coupon.status == "submitted"
        assert done_visit.end == done_visit.start + timedelta(hours=2)

    def test_excessive_kilometres_are_never_validated(self, worker, done_visit):
        coupon = CouponFactory(intervention=done_visit, kilometres=Decimal("99999"))
        with pytest.raises(ValidationError):
            coupon_validate(coupon=coupon)
        coupon.refresh_from_db()
        assert coupon.status == "submitted"

    def test_a_valid_declaration_moves_the_visit(self, worker, done_visit):
        planned_end = done_visit.end
        coupon = submit(worker, done_visit, end=planned_end + timedelta(minutes=30))
        coupon_validate(coupon=coupon)
        coupon.refresh_from_db()
        done_visit.refresh_from_db()
        assert coupon.status == "validated" and coupon.planned_end == planned_end
        assert done_visit.status == "done" and done_visit.end == coupon.end
        assert done_visit.version == 2


class TestSubmit:
    def test_a_declaration_is_the_workers_own_coupon(self, worker, done_visit):
        coupon = submit(worker, done_visit, kilometres=Decimal("4.5"))
        assert (coupon.status, coupon.agency_id) == ("submitted", done_visit.agency_id)
        assert list(coupons_for_intervenant(intervenant=worker)) == [coupon]

    def test_another_workers_visit_is_not_found(self, agency, family, worker):
        theirs = InterventionFactory(
            client=family, intervenant=IntervenantFactory(agency=agency), past=True
        )
        error = refusal(submit, worker=worker, visit=theirs)
        assert (error.code, error.status) == ("not_found", 404)

    def test_a_visit_not_yet_begun_is_refused(self, family, worker):
        later = InterventionFactory(client=family, intervenant=worker)
        error = refusal(submit, worker=worker, visit=later)
        assert (error.code, error.status) == ("invalid", 400)
        assert not Coupon.objects.exists()

    def test_a_second_active_coupon_is_a_conflict(self, worker, done_visit):
        first = submit(worker, done_visit)
        error = refusal(submit, worker=worker, visit=done_visit, comment="Encore")
        assert (error.code, error.status) == ("conflict", 409)
        assert list(Coupon.objects.all()) == [first]


class TestCancelAndReject:
    def test_cancelling_needs_a_reason(self, worker, done_visit):
        coupon = submit(worker, done_visit)
        error = refusal(
            coupon_cancel, intervenant=worker, coupon_id=coupon.pk, reason="  "
        )
        assert (error.code, list(error.fields)) == ("invalid", ["reason"])
        coupon.refresh_from_db()
        assert coupon.status == "submitted"

    def test_a_decided_coupon_no_longer_changes(self, worker, done_visit):
        coupon = coupon_validate(coupon=submit(worker, done_visit))
        error = refusal(
            coupon_change, intervenant=worker, coupon_id=coupon.pk, values={}
        )
        assert (error.code, error.status) == ("locked", 423)
        error = refusal(coupon_reject, coupon=coupon, reason="Trop tard")
        assert (error.code, error.status) == ("locked", 423)

    def test_rejecting_keeps_the_visit_and_frees_it(self, agency, worker, done_visit):
        staff = StaffFactory(agency=agency)
        coupon = submit(worker, done_visit, end=done_visit.end + timedelta(hours=1))
        coupon_reject(coupon=coupon, reason=" Trop long ", by=staff)
        coupon.refresh_from_db()
        assert (coupon.status, coupon.reason, coupon.decided_by) == (
            "rejected",
            "Trop long",
            staff,
        )
        assert coupon.planned_end == done_visit.end and coupon.decided_at
        done_visit.refresh_from_db()
        assert (done_visit.status, done_visit.version) == ("planned", 1)
        assert submit(worker, done_visit).pk  # declared again

    def test_rejecting_needs_a_reason(self, worker, done_visit):
        coupon = submit(worker, done_visit)
        error = refusal(coupon_reject, coupon=coupon, reason="")
        assert (error.code, list(error.fields)) == ("invalid", ["reason"])
        coupon.refresh_from_db()
        assert (coupon.status, coupon.decided_at) == ("submitted", None)
