"""Quotes, contracts and invoices of the agency's clients; each has its PDF as an
individual document of the client (media.PortalDocument)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.models import Agency, Client, TracksUpdates
from media.models import PortalDocument

from .money import format_amount


class BillingQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)


class BillingRecord(TracksUpdates):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="+", verbose_name=_("client")
    )
    number = models.CharField(_("numéro"), max_length=40)
    title = models.CharField(_("libellé"), max_length=200)
    issued_on = models.DateField(_("date d'émission"))
    amount_cents = models.PositiveBigIntegerField(
        _("montant TTC"), help_text=_("En centimes : 12550 pour 125,50 €.")
    )
    currency = models.CharField(_("devise"), max_length=3, default="EUR")
    document = models.OneToOneField(
        PortalDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = BillingQuerySet.as_manager()

    # The document category its PDF is published under.
    category = ""

    class Meta:
        abstract = True
        ordering = ["-issued_on", "-pk"]
        # %(class)s: each kind keeps its own names (quote_number_per_agency...).
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"], name="%(class)s_number_per_agency"
            )
        ]
        indexes = [
            models.Index(fields=["client", "-issued_on"], name="%(class)s_client")
        ]

    def __str__(self):
        return f"{self.number} — {self.title}"

    @property
    def amount_display(self) -> str:
        return format_amount(self.amount_cents, self.currency)

    def clean(self):
        super().clean()
        if (
            self.client_id
            and self.agency_id
            and self.client.agency_id != self.agency_id
        ):
            raise ValidationError({"client": _("Ce client n'est pas de l'agence.")})
        if self.document_id and self.document.client_id != self.client_id:
            raise ValidationError({"document": _("Ce PDF n'est pas celui du client.")})


def _status_field(status):
    """A record's status: its kind's choices, pending until the record moves."""
    return models.CharField(
        _("statut"), max_length=10, choices=status.choices, default=status.PENDING
    )


class Quote(BillingRecord):
    class Status(models.TextChoices):
        PENDING = "pending", _("À signer")
        SIGNED = "signed", _("Signé")
        REFUSED = "refused", _("Refusé")
        EXPIRED = "expired", _("Expiré")

    status = _status_field(Status)
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    category = "quote"

    class Meta(BillingRecord.Meta):
        verbose_name = _("devis")
        verbose_name_plural = _("devis")


class Contract(BillingRecord):
    class Status(models.TextChoices):
        PENDING = "pending", _("À signer")
        SIGNED = "signed", _("Signé")
        ENDED = "ended", _("Terminé")

    status = _status_field(Status)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    category = "contract"

    class Meta(BillingRecord.Meta):
        verbose_name = _("contrat")
        verbose_name_plural = _("contrats")


class Invoice(BillingRecord):
    class Status(models.TextChoices):
        PENDING = "pending", _("À payer")
        PAID = "paid", _("Payée")
        CANCELLED = "cancelled", _("Annulée")

    status = _status_field(Status)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    amount_due_cents = models.PositiveBigIntegerField(
        _("reste à payer"), help_text=_("En centimes.")
    )
    immediate_advance = models.BooleanField(
        _("avance immédiate URSSAF"),
        default=False,
        help_text=_(
            "Réglée par l'avance immédiate du crédit d'impôt : jamais proposée au "
            "paiement en ligne."
        ),
    )
    category = "invoice"

    class Meta(BillingRecord.Meta):
        verbose_name = _("facture")
        verbose_name_plural = _("factures")
        constraints = [
            *BillingRecord.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(amount_due_cents__lte=models.F("amount_cents")),
                name="invoice_due_within_amount",
            ),
        ]

    @property
    def amount_due_display(self) -> str:
        return format_amount(self.amount_due_cents, self.currency)

    @property
    def payable_online(self) -> bool:
        return (
            self.status == self.Status.PENDING
            and not self.immediate_advance
            and self.amount_due_cents > 0
        )

    def clean(self):
        super().clean()
        if (
            self.amount_due_cents is not None
            and self.amount_cents is not None
            and self.amount_due_cents > self.amount_cents
        ):
            raise ValidationError(
                {"amount_due_cents": _("Le reste à payer dépasse le montant.")}
            )


class Terms(models.Model):
    """An agency's general terms (CGV). Each version is its own row and its own PDF,
    published to the agency's clients; a signature records the version it accepted."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    version = models.CharField(
        _("version"), max_length=40, help_text=_("Par exemple 2026-11.")
    )
    document = models.OneToOneField(
        PortalDocument,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("PDF"),
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("publiées le"), auto_now_add=True)

    objects = BillingQuerySet.as_manager()

    class Meta:
        verbose_name = _("conditions générales")
        verbose_name_plural = _("conditions générales")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "version"], name="terms_version_per_agency"
            )
        ]

    def __str__(self):
        return _("Conditions générales, version %(version)s") % {
            "version": self.version
        }


class Signature(models.Model):
    """One client's electronic signature of one quote or contract, from opening the
    document to the sealed PDF. Its evidence is the SignatureEvent chain."""

    class Status(models.TextChoices):
        OPENED = "opened", _("Ouverte")
        TERMS_ACCEPTED = "terms_accepted", _("Conditions acceptées")
        CODE_SENT = "code_sent", _("Code envoyé")
        SIGNED = "signed", _("Signée")
        LOCKED = "locked", _("Bloquée")
        EXPIRED = "expired", _("Expirée")
        CANCELLED = "cancelled", _("Annulée")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="+", verbose_name=_("client")
    )
    account = models.ForeignKey(
        "access.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("compte"),
    )
    quote = models.ForeignKey(
        Quote,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("devis"),
    )
    contract = models.ForeignKey(
        Contract,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("contrat"),
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.OPENED
    )
    document_sha256 = models.CharField(_("empreinte du PDF"), max_length=64)
    terms = models.ForeignKey(
        Terms,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("conditions générales"),
    )
    code_digest = models.CharField(
        _("empreinte du code"), max_length=64, blank=True, editable=False
    )
    code_expires_at = models.DateTimeField(
        _("code valable jusqu'au"), null=True, editable=False
    )
    code_attempts = models.PositiveSmallIntegerField(
        _("codes erronés"), default=0, editable=False
    )
    last_code_sent_at = models.DateTimeField(
        _("dernier code envoyé le"), null=True, editable=False
    )
    created_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    signed_at = models.DateTimeField(_("signée le"), null=True)
    signed_document = models.OneToOneField(
        PortalDocument,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("PDF signé"),
    )
    # The hash of the newest evidence event: dropping events from the end of the
    # chain shows too.
    evidence_head = models.CharField(
        _("empreinte de la dernière étape"), max_length=64, blank=True, editable=False
    )

    objects = BillingQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quote__isnull=False, contract__isnull=True)
                | models.Q(quote__isnull=True, contract__isnull=False),
                name="signature_of_one_record",
            )
        ]

    def __str__(self):
        if self.quote_id:
            label = _("Signature du devis %(number)s")
        else:
            label = _("Signature du contrat %(number)s")
        record = self.record
        return label % {"number": record.number if record else "?"}

    @property
    def record(self):
        return self.quote or self.contract


class SignatureEvent(models.Model):
    """One step of a signature's evidence, chained to the previous one by its hash:
    rows are only ever added, and any change to one breaks the chain."""

    signature = models.ForeignKey(
        Signature,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("signature"),
    )
    sequence = models.PositiveIntegerField(_("rang"))
    step = models.CharField(_("étape"), max_length=40)
    at = models.DateTimeField(_("date"))
    data = models.JSONField(_("détails"), default=dict)
    previous_hash = models.CharField(
        _("empreinte de l'étape précédente"), max_length=64
    )
    hash = models.CharField(_("empreinte"), max_length=64)

    class Meta:
        verbose_name = _("étape de signature")
        verbose_name_plural = _("étapes de signature")
        ordering = ["signature", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["signature", "sequence"], name="one_event_per_place"
            )
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("La preuve d'une signature ne se modifie pas."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("La preuve d'une signature ne se supprime pas."))


class Payment(models.Model):
    """One attempt to pay an invoice online, through a payment provider. Only a
    verified callback from the provider moves it, never the browser's return."""

    class Status(models.TextChoices):
        CREATED = "created", _("Créé")
        PENDING = "pending", _("En attente")
        PAID = "paid", _("Payé")
        FAILED = "failed", _("Échoué")
        EXPIRED = "expired", _("Expiré")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agence")
    )
    invoice = models.ForeignKey(
        Invoice,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("facture"),
    )

    class Provider(models.TextChoices):
        STRIPE = "stripe", "Stripe"
        SANDBOX = "sandbox", _("Démonstration")

    account = models.ForeignKey(
        "access.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("compte"),
    )
    provider = models.CharField(
        _("prestataire"), max_length=20, choices=Provider.choices
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.CREATED
    )
    amount_cents = models.PositiveBigIntegerField(
        _("montant"), help_text=_("En centimes.")
    )
    currency = models.CharField(_("devise"), max_length=3)
    reference = models.CharField(_("référence du prestataire"), max_length=255)
    checkout_url = models.URLField(_("page de paiement"), max_length=2000, blank=True)
    idempotency_key = models.UUIDField(
        _("clé d'idempotence"), default=uuid.uuid4, editable=False
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = BillingQuerySet.as_manager()

    class Meta:
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"],
                condition=~models.Q(reference=""),
                name="one_payment_per_provider_reference",
            )
        ]

    def __str__(self):
        return _("Paiement de la facture %(number)s — %(status)s") % {
            "number": self.invoice.number,
            "status": self.get_status_display(),
        }

    @property
    def amount_display(self) -> str:
        return format_amount(self.amount_cents, self.currency)


class PaymentEvent(models.Model):
    """A provider callback, kept once: the same event received again changes
    nothing."""

    provider = models.CharField(_("prestataire"), max_length=20)
    event_id = models.CharField(_("identifiant de l'événement"), max_length=255)
    type = models.CharField(_("type"), max_length=100)
    payment = models.ForeignKey(
        Payment,
        null=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("paiement"),
    )
    outcome = models.CharField(_("résultat"), max_length=40)
    received_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification de paiement")
        verbose_name_plural = _("notifications de paiement")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="each_event_once"
            )
        ]
