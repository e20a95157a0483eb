"""Coupons: intervenants declare what they did; staff validate or reject."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.events import domain_event_send

from .models import Coupon, Intervention
from .selectors import coupons_for_intervenant
from .services import _lock_worker

EDITABLE = ("start", "end", "kilometres", "comment")


def _emit(coupon, type):
    domain_event_send(
        Coupon,
        agency_id=coupon.agency_id,
        type=type,
        data={"coupon": coupon.pk, "intervention": coupon.intervention_id},
    )


def _refuse(code, message, status=400):
    raise ApplicationError(code, message, status=status)


@transaction.atomic
def coupon_submit(*, intervenant, intervention_id: int, values: dict) -> Coupon:
    intervention = Intervention.objects.filter(
        pk=intervention_id, intervenant=intervenant
    ).first()
    if intervention is None:
        _refuse("not_found", _("Intervention introuvable."), 404)
    now = timezone.now()
    if intervention.start > now:
        _refuse("invalid", _("L'intervention n'a pas encore commencé."))
    if now - intervention.start > settings.PORTAL_COUPON_DELAY:
        _refuse("invalid", _("Le délai de saisie de ce coupon est dépassé."))
    if intervention.status == Intervention.Status.CANCELLED:
        _refuse("invalid", _("Cette intervention est annulée."))
    coupon = Coupon(
        agency_id=intervention.agency_id,
        intervention=intervention,
        intervenant=intervenant,
        **values,
    )
    coupon.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            coupon.save()
    except IntegrityError:
        _refuse(
            "conflict", _("Un coupon est déjà en cours pour cette intervention."), 409
        )
    _emit(coupon, "coupon.submitted")
    return coupon


def _own_submitted(intervenant, coupon_id):
    coupon = (
        coupons_for_intervenant(intervenant=intervenant)
        .filter(pk=coupon_id)
        .select_for_update()
        .first()
    )
    if coupon is None:
        _refuse("not_found", _("Coupon introuvable."), 404)
    if coupon.status != Coupon.Status.SUBMITTED:
        _refuse("locked", _("Ce coupon ne peut plus être modifié."), 423)
    return coupon


@transaction.atomic
def coupon_change(*, intervenant, coupon_id: int, values: dict) -> Coupon:
    coupon = _own_submitted(intervenant, coupon_id)
    for name, value in values.items():
        if name in EDITABLE:
            setattr(coupon, name, value)
    coupon.full_clean(validate_constraints=False)
    coupon.save()
    _emit(coupon, "coupon.changed")
    return coupon


def _required_reason(reason: str, message) -> str:
    if not reason.strip():
        raise ApplicationError(
            "invalid", message, fields={"reason": [_("Champ requis.")]}
        )
    return reason.strip()


@transaction.atomic
def coupon_cancel(*, intervenant, coupon_id: int, reason: str) -> Coupon:
    reason = _required_reason(reason, _("Indiquez le motif de l'annulation."))
    coupon = _own_submitted(intervenant, coupon_id)
    coupon.status, coupon.reason = Coupon.Status.CANCELLED, reason
    coupon.save(update_fields=["status", "reason", "updated_at"])
    _emit(coupon, "coupon.cancelled")
    return coupon


def _locked_submitted(coupon, refusal) -> Coupon:
    """The coupon's row locked for staff's decision, refused unless still
    submitted."""
    coupon = (
        Coupon.objects.select_for_update()
        .select_related("intervention")
        .get(pk=coupon.pk)
    )
    if coupon.status != Coupon.Status.SUBMITTED:
        _refuse("locked", refusal, 423)
    return coupon


def _decide(coupon, status, by, reason=""):
    visit = coupon.intervention
    coupon.planned_start, coupon.planned_end = visit.start, visit.end
    coupon.status, coupon.reason = status, reason
    coupon.decided_at, coupon.decided_by = timezone.now(), by
    coupon.save(
        update_fields=[
            "status",
            "reason",
            "planned_start",
            "planned_end",
            "decided_at",
            "decided_by",
            "updated_at",
        ]
    )


@transaction.atomic
def coupon_validate(*, coupon: Coupon, by=None) -> Coupon:
    """Staff accept the coupon as declared: it is locked, and the visit is done with
    its times. `by` is the staff member who decided."""
    coupon = _locked_submitted(coupon, _("Seul un coupon soumis peut être validé."))
    visit = Intervention.objects.select_for_update().get(pk=coupon.intervention_id)
    coupon.intervention = visit
    _lock_worker(visit)
    try:
        # The declaration itself (window, kilometres), then the visit as it would
        # become: its full validation, overlap with the worker's other time included.
        coupon.full_clean(validate_constraints=False)
        visit.start, visit.end = coupon.start, coupon.end
        visit.status = Intervention.Status.DONE
        visit.full_clean()
    except ValidationError as error:
        raise ValidationError(
            _("Le coupon ne peut pas être validé : %(reason)s")
            % {"reason": " ".join(error.messages)},
            code="invalid",
        ) from error
    coupon.intervention.refresh_from_db()  # the decision keeps the planned times
    _decide(coupon, Coupon.Status.VALIDATED, by)
    Intervention.objects.filter(pk=coupon.intervention_id).update(
        status=Intervention.Status.DONE,
        start=coupon.start,
        end=coupon.end,
        version=F("version") + 1,
    )
    return coupon


@transaction.atomic
def coupon_reject(*, coupon: Coupon, reason: str, by=None) -> Coupon:
    """Staff refuse the coupon, saying why; the visit keeps its planned times and the
    intervenant may declare it again."""
    reason = _required_reason(reason, _("Indiquez le motif du refus."))
    coupon = _locked_submitted(coupon, _("Seul un coupon soumis peut être refusé."))
    _decide(coupon, Coupon.Status.REJECTED, by, reason)
    return coupon
