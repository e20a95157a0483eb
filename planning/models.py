"""The planning: interventions, availabilities, absences, and what portals changed."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from access.models import Agency, Client, Intervenant

from .conflicts import intervenant_conflict
from .display import format_span, format_when

# A coupon declares times near the visit it is for: its start and end stay within
# this window of the planned start and end, and it lasts at most a day.
COUPON_WINDOW = timedelta(hours=12)
COUPON_MAX_DURATION = timedelta(hours=24)
COUPON_MAX_KILOMETRES = Decimal(1000)


class PlanningQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        """Items that share some time with [start, end)."""
        return self.filter(start__lt=end, end__gt=start)


class PlanningItem(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    # Optimistic concurrency: bumped by every write, sent as the ETag.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = PlanningQuerySet.as_manager()

    # Out of Wagtail's reference index (its « usage » pages): a client's or an
    # intervenant's thousands of visits are the planning's business, and indexing
    # each write cost five queries, or a task, per visit.
    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True
        ordering = ["start", "pk"]
        # %(class)s: each kind keeps its own name (intervention_ends_after_start...).
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="%(class)s_ends_after_start"
            ),
        ]

    def clean(self):
        super().clean()
        check_ends_after_start(self)
        conflict = self.overlap_conflict()
        if conflict is not None:
            raise OverlapError(conflict)

    def overlap_conflict(self):
        """The item this one may not share time with, or None (kinds that have an
        overlap rule say when it applies)."""
        return None

    @property
    def when(self) -> str:
        """The start on the agency's clock: `04/12/2026 08:00`."""
        return agency_when(self, self.start)

    @property
    def span(self) -> str:
        """`04/12/2026 de 08:00 à 10:00` on the agency's clock."""
        return agency_span(self, self.start, self.end)


def agency_when(item, moment) -> str:
    if item.agency_id is None:  # not attached yet: the active clock
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    return format_when(moment, item.agency)


def agency_span(item, start, end) -> str:
    if item.agency_id is None or start is None or end is None:
        return agency_when(item, start)
    return format_span(start, end, item.agency)


def check_ends_after_start(item) -> None:
    if item.start and item.end and item.end <= item.start:
        raise ValidationError({"end": _("La fin doit suivre le début.")})


class Intervention(PlanningItem):
    """A visit of an intervenant (or not yet staffed) to a client."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        DONE = "done", _("Réalisée")
        CANCELLED = "cancelled", _("Annulée")

    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        related_name="interventions",
        verbose_name=_("client"),
    )
    intervenant = models.ForeignKey(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interventions",
        verbose_name=_("intervenant"),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    service = models.CharField(_("prestation"), max_length=200, blank=True)

    class Meta(PlanningItem.Meta):
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        indexes = [
            # `end` in the index: the overlap test reads it there, not in the row.
            models.Index(
                fields=["intervenant", "start", "end"], name="intervention_worker_span"
            ),
            models.Index(
                fields=["client", "start", "end"], name="intervention_client_span"
            ),
        ]

    def __str__(self):
        return f"{self.client} — {self.when}"

    def overlap_conflict(self):
        if (
            self.intervenant_id
            and self.start
            and self.end
            and self.status != self.Status.CANCELLED
        ):
            return intervenant_conflict(self)
        return None


class Availability(PlanningItem):
    """When an intervenant can work."""

    intervenant = models.ForeignKey(
        Intervenant,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("intervenant"),
    )

    class Meta(PlanningItem.Meta):
        verbose_name = _("disponibilité")
        verbose_name_plural = _("disponibilités")
        indexes = [
            models.Index(
                fields=["intervenant", "start", "end"], name="availability_worker_span"
            )
        ]

    def __str__(self):
        return f"{self.intervenant} — {self.when}"


class Absence(PlanningItem):
    """A client or an intervenant away."""

    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="absences",
        verbose_name=_("client"),
    )
    intervenant = models.ForeignKey(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="absences",
        verbose_name=_("intervenant"),
    )
    reason = models.CharField(_("motif"), max_length=200, blank=True)

    class Meta(PlanningItem.Meta):
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [
            models.Index(
                fields=["intervenant", "start", "end"], name="absence_worker_span"
            ),
            models.Index(fields=["client", "start", "end"], name="absence_client_span"),
        ]
        constraints = [
            *PlanningItem.Meta.constraints,
            models.CheckConstraint(
                condition=Q(client__isnull=True, intervenant__isnull=False)
                | Q(client__isnull=False, intervenant__isnull=True),
                name="absence_has_one_person",
            ),
        ]

    def __str__(self):
        return f"{self.client or self.intervenant} — {self.span}"

    def clean(self):
        if bool(self.client_id) == bool(self.intervenant_id):
            raise ValidationError(
                _("Une absence concerne un client ou un intervenant.")
            )
        super().clean()

    def overlap_conflict(self):
        if self.intervenant_id and self.start and self.end:
            return intervenant_conflict(self)
        return None


class OverlapError(ValidationError):
    """An intervenant would be in two places at once; names the conflicting item."""

    def __init__(self, conflict):
        self.conflict = conflict
        super().__init__(
            _("Chevauchement avec %(item)s.") % {"item": describe(conflict)},
            code="overlap",
        )


def describe(item) -> str:
    """`l'intervention du 04/12/2026 de 08:00 à 10:00`, on the agency's clock. No
    names: a family moving its visit must not learn whom else the worker sees."""
    if isinstance(item, Absence):
        return _("l'absence du %(span)s") % {"span": item.span}
    if isinstance(item, Availability):
        return _("la disponibilité du %(span)s") % {"span": item.span}
    return _("l'intervention du %(span)s") % {"span": item.span}


class ChangeLog(models.Model):
    """One change made through a portal: who, when, which portal, before and after.
    Staff read it per person in the admin."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    account = models.ForeignKey(
        "access.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("compte"),
    )
    portal_kind = models.CharField(_("portail"), max_length=20)
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("client"),
    )
    intervenant = models.ForeignKey(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("intervenant"),
    )
    item_kind = models.CharField(_("élément"), max_length=20)
    item_id = models.PositiveBigIntegerField(_("numéro de l'élément"))
    action = models.CharField(_("action"), max_length=10)
    before = models.JSONField(_("avant"), null=True, blank=True)
    after = models.JSONField(_("après"), null=True, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("modification depuis un portail")
        verbose_name_plural = _("modifications depuis les portails")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["client", "-at"], name="changelog_client_at"),
            models.Index(fields=["intervenant", "-at"], name="changelog_worker_at"),
        ]

    def __str__(self):
        from .changes import change_title

        return f"{change_title(self)} — {format_when(self.at, self.agency)}"


class Coupon(models.Model):
    """What an intervenant declares they actually did for one of their visits.
    Staff validate it (the visit then becomes done with these times) or reject it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Soumis")
        VALIDATED = "validated", _("Validé")
        REJECTED = "rejected", _("Refusé")
        CANCELLED = "cancelled", _("Annulé")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="coupons",
        verbose_name=_("intervention"),
    )
    intervenant = models.ForeignKey(
        Intervenant,
        on_delete=models.CASCADE,
        related_name="coupons",
        verbose_name=_("intervenant"),
    )
    # Declared by the intervenant; staff decide on them but never rewrite them.
    start = models.DateTimeField(_("début déclaré"))
    end = models.DateTimeField(_("fin déclarée"))
    kilometres = models.DecimalField(
        _("kilomètres"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    comment = models.TextField(_("commentaire"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    # The visit's times when the coupon was decided: validating moves the visit to
    # the declared times, and the decision keeps showing what was planned.
    planned_start = models.DateTimeField(_("début prévu"), null=True, blank=True)
    planned_end = models.DateTimeField(_("fin prévue"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "access.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    created_at = models.DateTimeField(_("déclaré le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("coupon")
        verbose_name_plural = _("coupons")
        ordering = ["-start", "-pk"]
        indexes = [models.Index(fields=["intervenant", "-start"], name="coupon_worker")]
        constraints = [
            # One active coupon per intervention: cancelled or rejected ones may be
            # followed by a new one.
            models.UniqueConstraint(
                fields=["intervention"],
                name="one_active_coupon",
                condition=Q(status__in=["submitted", "validated"]),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="coupon_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.intervenant} — {agency_when(self, self.start)}"

    def clean(self):
        super().clean()
        check_ends_after_start(self)
        errors = {}
        if self.intervention_id:
            errors.update(self._window_errors())
        errors.update(self._kilometres_errors())
        if errors:
            raise ValidationError(errors)

    def _window_errors(self) -> dict:
        """Declared times near the visit: start and end within COUPON_WINDOW of the
        planned ones, and at most COUPON_MAX_DURATION long."""
        start, end = self.start, self.end
        if not isinstance(start, datetime) or not isinstance(end, datetime):
            return {}  # missing or malformed: the field errors say so
        planned_start, planned_end = self.planned
        hours = int(COUPON_WINDOW.total_seconds() // 3600)
        errors = {}
        if abs(start - planned_start) > COUPON_WINDOW:
            errors["start"] = _(
                "Le début déclaré doit rester à moins de %(hours)s heures du début "
                "prévu."
            ) % {"hours": hours}
        if abs(end - planned_end) > COUPON_WINDOW:
            errors["end"] = _(
                "La fin déclarée doit rester à moins de %(hours)s heures de la fin "
                "prévue."
            ) % {"hours": hours}
        elif end - start > COUPON_MAX_DURATION:
            errors["end"] = _(
                "Une intervention déclarée dure au plus %(hours)s heures."
            ) % {"hours": int(COUPON_MAX_DURATION.total_seconds() // 3600)}
        return errors

    def _kilometres_errors(self) -> dict:
        km = self.kilometres
        if not isinstance(km, (Decimal, int, float)):
            return {}  # none declared, or malformed: the field error says so
        if km < 0:
            return {"kilometres": _("Les kilomètres ne peuvent pas être négatifs.")}
        if km > COUPON_MAX_KILOMETRES:
            return {
                "kilometres": _("Au plus %(max)s kilomètres par coupon.")
                % {"max": COUPON_MAX_KILOMETRES}
            }
        return {}

    @property
    def is_decided(self) -> bool:
        return self.status != self.Status.SUBMITTED

    @property
    def planned(self):
        """(start, end) of the visit as planned: kept by the decision, the visit's
        own times until then."""
        if self.planned_start and self.planned_end:
            return self.planned_start, self.planned_end
        return self.intervention.start, self.intervention.end


class DigestSubscription(models.Model):
    """A staff member who asked for the daily e-mail of their agency's portal
    changes (off unless they ask)."""

    user = models.ForeignKey(
        "access.User",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("membre du personnel"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )

    class Meta:
        verbose_name = _("abonnement au résumé quotidien")
        verbose_name_plural = _("abonnements au résumé quotidien")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"], name="one_digest_per_agency"
            )
        ]
