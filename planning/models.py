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
        if self.start and self.end and self.end <= self.start:
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
            models.Index(
                fields=["intervenant", "start"], name="intervention_worker_start"
            ),
            models.Index(fields=["client", "start"], name="intervention_client_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="intervention_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.client} — {self.start:%d/%m/%Y %H:%M}"


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
                fields=["intervenant", "start"], name="availability_worker_start"
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
            models.Index(fields=["intervenant", "start"], name="absence_worker_start"),
            models.Index(fields=["client", "start"], name="absence_client_start"),
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
