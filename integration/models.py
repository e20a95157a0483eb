"""Agency API keys, the agency's references to interventions, and the answers kept
for `Idempotency-Key` retries."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey

from access.models import Agency
from media.models import PortalDocument
from planning.models import Absence, Availability, Intervention


class AgencyApiKey(AbstractAPIKey):
    """A key of the agency API, stored hashed (the package's SHA-512 of a random
    secret): only its prefix can be read back, the key itself is shown once."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="api_keys",
        verbose_name=_("agence"),
    )
    scopes = models.JSONField(_("droits"), default=list)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    last_used_at = models.DateTimeField(
        _("dernière utilisation"), null=True, blank=True
    )

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("clé d'API")
        verbose_name_plural = _("clés d'API")
        constraints = [
            # A name is how operators revoke a key from the command line: unique
            # among the agency's keys still in use.
            models.UniqueConstraint(
                fields=["agency", "name"],
                condition=models.Q(revoked=False),
                name="api_key_name_unique_per_agency",
            )
        ]

    @property
    def is_usable(self) -> bool:
        return not self.revoked and not self.has_expired

    def revoke(self) -> None:
        self.revoked = True
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked", "revoked_at"])


class ExternalRef(models.Model):
    """The agency's own reference to a row that has none of its own (planning items,
    documents): keeping the agency's software's ids is the integration's business,
    not the domain's. Each subclass adds a one-to-one `item` named `external`."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    external_ref = models.CharField(_("référence externe"), max_length=100)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_ref"],
                name="%(class)s_external_ref_unique",
            )
        ]


def _ref_to(model, verbose_name):
    return models.OneToOneField(
        model,
        on_delete=models.CASCADE,
        related_name="external",
        verbose_name=verbose_name,
    )


class InterventionRef(ExternalRef):
    intervention = _ref_to(Intervention, _("intervention"))

    class Meta(ExternalRef.Meta):
        verbose_name = _("référence d'intervention")
        verbose_name_plural = _("références d'interventions")


class AvailabilityRef(ExternalRef):
    availability = _ref_to(Availability, _("disponibilité"))

    class Meta(ExternalRef.Meta):
        verbose_name = _("référence de disponibilité")
        verbose_name_plural = _("références de disponibilités")


class AbsenceRef(ExternalRef):
    absence = _ref_to(Absence, _("absence"))

    class Meta(ExternalRef.Meta):
        verbose_name = _("référence d'absence")
        verbose_name_plural = _("références d'absences")


class DocumentRef(ExternalRef):
    document = _ref_to(PortalDocument, _("document"))

    class Meta(ExternalRef.Meta):
        verbose_name = _("référence de document")
        verbose_name_plural = _("références de documents")


class IdempotentAnswer(models.Model):
    """The first answer to a POST carrying `Idempotency-Key`, replayed for 24 hours.

    In the database rather than the cache: the answer reports writes that are in the
    database, so it must outlive a restart and be seen by every worker, which the
    default per-process cache is not."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    # 0 while the first request runs: a retry arriving then is told to wait.
    status = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "key"], name="idempotent_answer_unique"
            )
        ]


class Event(models.Model):
    """The transactional outbox: one row per portal-side or system change, written in
    the change's transaction (a rolled-back change leaves none). The id is the feed's
    cursor: ids grow with each insert, so `id > cursor` reads on from where the
    agency stopped. `data` holds ids only, never names, content or secrets."""

    class Type(models.TextChoices):
        PLANNING_CREATED = "planning.created"
        PLANNING_CHANGED = "planning.changed"
        PLANNING_DELETED = "planning.deleted"
        COUPON_SUBMITTED = "coupon.submitted"
        COUPON_CHANGED = "coupon.changed"
        COUPON_CANCELLED = "coupon.cancelled"
        PROFILE_CHANGED = "profile.changed"
        SIGNATURE_COMPLETED = "signature.completed"
        PAYMENT_SUCCEEDED = "payment.succeeded"
        PAYMENT_FAILED = "payment.failed"
        ACCOUNT_CREATED = "account.created"
        ACCOUNT_REGENERATED = "account.regenerated"
        ACCOUNT_DELETED = "account.deleted"
        MESSAGE_RECEIVED = "message.received"

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    data = models.JSONField(_("données"), default=dict)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        # The feed's one query: an agency's events after a cursor, in id order.
        indexes = [models.Index(fields=["agency", "id"], name="event_agency_cursor")]


class WebhookEndpoint(models.Model):
    """Where the agency's software wants its events pushed (Standard Webhooks).

    The secret signs every delivery, so it is kept readable; it is shown once, in
    the answer to the endpoint's creation (API or admin), and never again."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("agence"),
    )
    url = models.URLField(_("adresse (URL)"), max_length=500)
    # Event type values; empty: every type, those added later included.
    event_types = models.JSONField(_("types d'événements"), default=list, blank=True)
    secret = models.CharField(_("secret de signature"), max_length=100)
    description = models.CharField(_("description"), max_length=200, blank=True)
    enabled = models.BooleanField(_("actif"), default=True)
    disabled_reason = models.CharField(
        _("motif de la désactivation"), max_length=200, blank=True
    )
    disabled_at = models.DateTimeField(_("désactivé le"), null=True, blank=True)
    # What disabling after repeated failure looks at (integration.webhook_schedule).
    failing_since = models.DateTimeField(_("en échec depuis"), null=True, blank=True)
    abandoned_in_a_row = models.PositiveIntegerField(
        _("envois abandonnés d'affilée"), default=0
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.url

    def wants(self, event_type: str) -> bool:
        return not self.event_types or event_type in self.event_types


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: its attempts, their outcome, and when the
    next one is due. Every attempt of it carries the same `webhook_id`, so that the
    receiver can tell a retry from a new event."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        FAILED = "failed", _("en échec, nouvel essai prévu")
        SUCCEEDED = "succeeded", _("reçu")
        ABANDONED = "abandoned", _("abandonné")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("webhook"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("événement"),
    )
    webhook_id = models.CharField(_("identifiant d'envoi"), max_length=40, unique=True)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("essais"), default=0)
    response_code = models.PositiveSmallIntegerField(
        _("code de réponse"), null=True, blank=True
    )
    last_error = models.CharField(_("dernière erreur"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(
        _("prochain essai le"), null=True, blank=True
    )
    last_attempt_at = models.DateTimeField(_("dernier essai le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("envoi de webhook")
        verbose_name_plural = _("envois de webhooks")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="webhook_delivery_unique"
            )
        ]
        indexes = [
            # The admin's log, newest first, per endpoint.
            models.Index(fields=["endpoint", "-id"], name="webhook_delivery_log"),
            # The sweep for overdue attempts (integration.webhook_tasks).
            models.Index(fields=["status", "next_attempt_at"], name="webhook_due"),
        ]
