"""The planning: interventions, availabilities, absences, and what portals changed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from access.models import Agency, Client, Intervenant


class PlanningQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)

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
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanningQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["start", "pk"]

    def clean(self):
        super().clean()
        self.overlap_conflict = None  # set by the overlap rule of the subclasses
        check_ends_after_start(self)


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
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="intervention_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.client} — {self.start:%d/%m/%Y %H:%M}"

    def clean(self):
        super().clean()
        if (
            self.intervenant_id
            and self.start
            and self.end
            and (self.status != self.Status.CANCELLED)
        ):
            self.overlap_conflict = intervenant_conflict(self)
            if self.overlap_conflict is not None:
                raise OverlapError(self.overlap_conflict)


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
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="availability_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.intervenant} — {self.start:%d/%m/%Y %H:%M}"


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
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="absence_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(client__isnull=True, intervenant__isnull=False)
                | Q(client__isnull=False, intervenant__isnull=True),
                name="absence_has_one_person",
            ),
        ]

    def __str__(self):
        return f"{self.client or self.intervenant} — {self.start:%d/%m/%Y}"

    def clean(self):
        super().clean()
        if bool(self.client_id) == bool(self.intervenant_id):
            raise ValidationError(
                _("Une absence concerne un client ou un intervenant.")
            )
        if self.intervenant_id and self.start and self.end:
            self.overlap_conflict = intervenant_conflict(self)
            if self.overlap_conflict is not None:
                raise OverlapError(self.overlap_conflict)


class OverlapError(ValidationError):
    """An intervenant would be in two places at once; names the conflicting item."""

    def __init__(self, conflict):
        self.conflict = conflict
        super().__init__(
            _("Chevauchement avec %(item)s.") % {"item": describe(conflict)},
            code="overlap",
        )


def describe(item) -> str:
    label = item._meta.verbose_name
    return f"{label} n° {item.pk} ({item.start:%d/%m/%Y %H:%M}–{item.end:%H:%M})"


def intervenant_conflict(item):
    """The first of the intervenant's interventions or absences that shares time
    with `item` (cancelled interventions do not count), or None."""
    others = [
        Intervention.objects.filter(intervenant_id=item.intervenant_id).exclude(
            status=Intervention.Status.CANCELLED
        ),
        Absence.objects.filter(intervenant_id=item.intervenant_id),
    ]
    for query in others:
        if query.model is type(item) and item.pk:
            query = query.exclude(pk=item.pk)
        if isinstance(item, Absence) and query.model is Absence:
            continue  # an absence may extend another; only visits collide with it
        conflict = query.overlapping(item.start, item.end).order_by("start").first()
        if conflict is not None:
            return conflict
    return None


class ChangeLog(models.Model):
    """One change made through a portal: who, when, which portal, before and after.
    Staff read it per person in the admin."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(
        "access.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    portal_kind = models.CharField(_("portail"), max_length=20)
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    intervenant = models.ForeignKey(
        Intervenant, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item_kind = models.CharField(_("élément"), max_length=20)
    item_id = models.PositiveBigIntegerField()
    action = models.CharField(_("action"), max_length=10)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
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
        return f"{self.item_kind} {self.item_id} — {self.action}"


class Coupon(models.Model):
    """What an intervenant declares they actually did for one of their visits.
    Staff validate it (the visit then becomes done with these times) or reject it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Soumis")
        VALIDATED = "validated", _("Validé")
        REJECTED = "rejected", _("Refusé")
        CANCELLED = "cancelled", _("Annulé")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
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
    start = models.DateTimeField(_("début réel"))
    end = models.DateTimeField(_("fin réelle"))
    kilometres = models.DecimalField(
        _("kilomètres"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    comment = models.TextField(_("commentaire"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        return f"{self.intervenant} — {self.start:%d/%m/%Y}"

    def clean(self):
        super().clean()
        check_ends_after_start(self)


class DigestSubscription(models.Model):
    """A staff member who asked for the daily e-mail of their agency's portal
    changes (off unless they ask)."""

    user = models.ForeignKey("access.User", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"], name="one_digest_per_agency"
            )
        ]
