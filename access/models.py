"""Agencies, their two portals, the people they serve and employ, and accounts."""

import unicodedata
import uuid
from zoneinfo import available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Collection, Orderable


class Agency(ClusterableModel):
    """A home-care agency: its plan, the portal modules it runs and its sender
    addresses.
    """

    class Plan(models.TextChoices):
        ESSENTIEL = "essentiel", _("Essentiel")
        PREMIUM = "premium", _("Premium")
        ENTREPRISE = "entreprise", _("Entreprise")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant court"), max_length=60, unique=True)
    plan = models.CharField(
        _("formule"), max_length=20, choices=Plan.choices, default=Plan.ESSENTIEL
    )
    client_module = models.BooleanField(_("module Extranet client"), default=False)
    intervenant_module = models.BooleanField(
        _("module Extranet intervenant"), default=False
    )
    account_delivery = models.CharField(
        _("transmission des accès par défaut"),
        max_length=20,
        choices=[
            ("password", _("Mot de passe")),
            ("invitation", _("Lien d'invitation")),
        ],
        default="password",
        help_text=_(
            "Mot de passe : l'e-mail contient le mot de passe. Lien d'invitation : "
            "la personne choisit elle-même son mot de passe."
        ),
    )
    time_zone = models.CharField(
        _("fuseau horaire"),
        max_length=60,
        default="Europe/Paris",
        # Checked in clean() against the running host's tzdata rather than frozen
        # into migrations as choices: tzdata changes between releases.
        help_text=_("Les horaires du planning sont affichés dans ce fuseau."),
    )
    staff_group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="agency",
    )
    collection = models.OneToOneField(
        Collection,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="agency",
    )

    class Meta:
        verbose_name = _("agence")
        verbose_name_plural = _("agences")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.plan == self.Plan.ESSENTIEL:
            for field in ("client_module", "intervenant_module"):
                if getattr(self, field):
                    errors[field] = _(
                        "Ce module nécessite la formule Premium ou supérieure."
                    )
        if self.time_zone not in available_timezones():
            errors["time_zone"] = _(
                "Fuseau horaire inconnu : choisissez-en un de la liste."
            )
        if errors:
            raise ValidationError(errors)

    def module_enabled(self, kind: str) -> bool:
        return (
            self.client_module
            if kind == Portal.Kind.CLIENT
            else self.intervenant_module
        )


class SenderAddress(Orderable):
    """An address the agency sends portal e-mails from (credentials, invitations)."""

    agency = ParentalKey(
        Agency, on_delete=models.CASCADE, related_name="sender_addresses"
    )
    email = models.EmailField(_("adresse e-mail"))
    display_name = models.CharField(_("nom affiché"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("adresse d'expédition")
        verbose_name_plural = _("adresses d'expédition")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "email"], name="sender_unique_per_agency"
            )
        ]

    def __str__(self):
        return (
            f"{self.display_name} <{self.email}>" if self.display_name else self.email
        )


class Portal(models.Model):
    """The identity of one portal: the agency, its kind and its address.

    Sign-in, tokens and sessions are bound to this row; its content and settings
    live on the portal's Wagtail page.
    """

    class Kind(models.TextChoices):
        CLIENT = "client", _("Clients")
        INTERVENANT = "intervenant", _("Intervenants")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="portals")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    key = models.SlugField(_("clé du portail"), max_length=80, unique=True)
    hostname = models.CharField(
        _("nom d'hôte"),
        max_length=253,
        null=True,
        blank=True,
        unique=True,
        validators=[DomainNameValidator(accept_idna=False)],
    )
    # Renewed whenever what the API serves for this portal changes (its page is
    # published or unpublished, its agency is saved): API processes keep the
    # portal's page in memory until it moves (home_pages.selectors). A random value,
    # not a counter, so that a rolled-back change never comes back with the number
    # of another.
    config_version = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("portail")
        verbose_name_plural = _("portails")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind"], name="one_portal_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.agency} — {self.get_kind_display()}"

    @property
    def is_enabled(self) -> bool:
        return self.agency.module_enabled(self.kind)

    @property
    def address(self) -> str:
        """The address to give to clients or intervenants and link from the agency's
        site."""
        if self.hostname:
            return f"https://{self.hostname}/"
        return settings.PORTAL_ADDRESS_TEMPLATE.format(key=self.key)


class PersonQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)


class TracksUpdates(models.Model):
    """`updated_at`, the moment of the last change, which the agency API's lists read
    (`updated_since`) to reconcile the agency's software. Also set by a save of some
    fields only (`update_fields`), which auto_now alone leaves out."""

    updated_at = models.DateTimeField(_("modifié le"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    save.alters_data = True


class Person(TracksUpdates):
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("agence"),
    )
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=20, blank=True)
    city = models.CharField(_("ville"), max_length=150, blank=True)
    group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="%(class)s",
        help_text=_(
            "Regroupe les comptes de la personne ; les partages de documents lui "
            "sont accordés."
        ),
    )
    external_ref = models.CharField(
        _("référence externe"),
        max_length=100,
        blank=True,
        help_text=_("Identifiant de la personne dans le logiciel de gestion."),
    )
    objects = PersonQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["agency", "last_name", "first_name"])]
        # %(class)s: each model keeps its own name (client_external_ref_unique...).
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="%(class)s_external_ref_unique",
            )
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


class Client(Person):
    """A family receiving care; reads documents and planning on the client portal."""

    portal_kind = "client"

    class Meta(Person.Meta):
        verbose_name = _("client")
        verbose_name_plural = _("clients")


class Intervenant(Person):
    """A care worker; reads their planning and payslips on the intervenant portal."""

    portal_kind = "intervenant"

    class Meta(Person.Meta):
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")


def fold_identifier(identifier: str) -> str:
    """The one form in which identifiers are compared: at sign-in, in the lock-out
    counters and for uniqueness. NFKC merges compatibility forms (fullwidth letters,
    ligatures, the long s), case folding merges cases (ß and ss too); a letter of its
    own such as the dotless ı stays itself and so names another identifier."""
    text = unicodedata.normalize("NFKC", identifier.strip())
    return unicodedata.normalize("NFKC", text.casefold())


class AccountManager(UserManager):
    # Migrations keep Django's plain manager: they must not import this module.
    use_in_migrations = False

    def get_by_natural_key(self, username):
        return self.get(identifier_key=fold_identifier(username))

    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(): the folded identifier is set here instead.
        objs = list(objs)
        for user in objs:
            user.identifier_key = fold_identifier(user.username)
        return super().bulk_create(objs, *args, **kwargs)


class User(AbstractUser):
    """A staff member (no portal) or a portal account bound to one person.

    A portal account's `email` is its own contact, apart from the person's record:
    signature codes go to it, and access.services.contact says who controls it.
    """

    class CreatedVia(models.TextChoices):
        """How the account's current credentials reached their holder: whoever saw
        the password or the link could sign in with it."""

        INVITATION = "invitation", _("Lien d'invitation envoyé par e-mail")
        INVITATION_HANDED = (
            "invitation_handed",
            _("Lien d'invitation remis par l'agence"),
        )
        PASSWORD_EMAILED = "password_emailed", _("Mot de passe envoyé par e-mail")
        PASSWORD_HANDED = (
            "password_handed",
            _("Mot de passe généré, remis par l'agence"),
        )
        PASSWORD_TYPED = "password_typed", _("Mot de passe saisi par l'agence")
        COMMAND = "command", _("Ligne de commande (affichés à l'opérateur)")
        BATCH = "batch", _("Création en lot, envoyée par e-mail")
        UNKNOWN = "", _("Inconnu (compte antérieur à cet enregistrement)")

    portal = models.ForeignKey(
        Portal, null=True, blank=True, on_delete=models.CASCADE, related_name="accounts"
    )
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.CASCADE, related_name="accounts"
    )
    intervenant = models.ForeignKey(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accounts",
    )

    # The username in its folded form (fold_identifier), kept by save(). Accounts are
    # looked up by exact match on it, and it is unique: two identifiers that differ
    # only by case or by a variant of a letter cannot both exist.
    identifier_key = models.TextField(unique=True, editable=False)

    # SHA-256 of the secret in the account's calendar feed URL; renewing or
    # regenerating the account's credentials replaces or clears it.
    calendar_token_digest = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )

    # Set by the account services at each generation or regeneration.
    created_via = models.CharField(
        _("identifiants remis par"),
        max_length=20,
        choices=CreatedVia.choices,
        blank=True,
        default="",
        editable=False,
    )
    # When the person chose their password through an invitation link e-mailed to
    # `email`, which proves they control it; cleared when `email` changes.
    email_confirmed_at = models.DateTimeField(
        _("e-mail confirmé le"), null=True, blank=True, editable=False
    )

    objects = AccountManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        # Identifiers are unique through identifier_key, which replaced the unique
        # Lower("username") constraint: whatever lower() merges, case folding merges
        # too, and one rule gives one error message.
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        portal__isnull=True,
                        client__isnull=True,
                        intervenant__isnull=True,
                    )
                    | models.Q(
                        portal__isnull=False,
                        client__isnull=False,
                        intervenant__isnull=True,
                    )
                    | models.Q(
                        portal__isnull=False,
                        client__isnull=True,
                        intervenant__isnull=False,
                    )
                ),
                name="portal_account_has_one_person",
            ),
        ]

    @property
    def is_portal_account(self) -> bool:
        return self.portal_id is not None

    @property
    def person(self):
        return self.client or self.intervenant

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The stored address, to tell a change of contact on save().
        instance._stored_email = dict(zip(field_names, values, strict=True)).get(
            "email"
        )
        return instance

    def save(self, *args, **kwargs):
        self.identifier_key = fold_identifier(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "identifier_key"}
        old_email = self._contact_changed_from(update_fields)
        if old_email is not None:
            # The new address is not confirmed, and a link sent to the old one
            # must not confirm it (its token covers the password hash).
            self.email_confirmed_at = None
            extra = {"email_confirmed_at"}
            if not self.has_usable_password():
                self.set_unusable_password()
                extra.add("password")
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *extra}
        super().save(*args, **kwargs)
        self._stored_email = self.email
        if old_email is not None:
            from .services.contact import account_contact_record

            account_contact_record(
                account=self,
                old_email=old_email,
                changed_by=getattr(self, "contact_changed_by", None),
            )

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or "email" in fields:
            self._stored_email = self.email

    def _contact_changed_from(self, update_fields) -> str | None:
        """The previous address when this save changes a portal account's contact,
        whatever path saves it (services, the users admin, a shell)."""
        stored = getattr(self, "_stored_email", None)
        if (
            self.pk is None
            or self.portal_id is None
            or stored is None
            or stored == self.email
            or (update_fields is not None and "email" not in update_fields)
        ):
            return None
        return stored

    def clean(self):
        super().clean()
        self.identifier_key = fold_identifier(self.username)

    def validate_unique(self, exclude=None):
        # The folded identifier's uniqueness is reported on the username the user
        # typed, with a message that says why two spellings are one identifier. It is
        # a uniqueness check like the others, so a caller that has checked a whole
        # batch at once (full_clean(validate_unique=False)) skips it.
        exclude = {*(exclude or ()), "identifier_key"}
        errors = {}
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "username" not in exclude:
            # Also where the exact username is taken: one message for both cases.
            key = fold_identifier(self.username)
            twins = User.objects.filter(identifier_key=key).exclude(pk=self.pk)
            if twins.exists():
                errors["username"] = [
                    _(
                        "Cet identifiant est déjà utilisé : les majuscules et les "
                        "variantes d'une même lettre (ſ et s, ß et ss…) ne distinguent "
                        "pas deux identifiants."
                    )
                ]
        if errors:
            raise ValidationError(errors)
        person = self.person
        if person is None:
            return
        if (
            self.portal_id is None
            or person.agency_id != self.portal.agency_id
            or (person.portal_kind != self.portal.kind)
        ):
            raise ValidationError(
                _("Un compte de portail doit appartenir au portail de sa personne.")
            )


class AccountContactChange(models.Model):
    """A change of a portal account's e-mail address, the address its signature
    codes go to. Written when the change is saved and never edited: a signature's
    evidence lists them, and staff read them there."""

    account = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="contact_changes"
    )
    old_email = models.EmailField(_("ancienne adresse"), blank=True)
    new_email = models.EmailField(_("nouvelle adresse"), blank=True)
    changed_at = models.DateTimeField(_("modifiée le"), auto_now_add=True)
    changed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author's name as it was, kept if their account goes.
    changed_by_name = models.CharField(_("modifiée par"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("changement d'adresse du compte")
        verbose_name_plural = _("changements d'adresse des comptes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.account}: {self.old_email} → {self.new_email}"


class AccountBatch(models.Model):
    """A batch generation of portal accounts, run by the task worker; staff follow its
    progress and download its results."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("portail"), max_length=20, choices=Portal.Kind.choices)
    delivery = models.CharField(_("transmission"), max_length=20)
    sender = models.ForeignKey(
        SenderAddress, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        "access.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default="pending")
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    # Moved by every chunk's progress, whichever worker runs it: a running batch
    # whose heartbeat stopped lost its worker (resume_account_batches).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("création de portails")
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.processed / self.total)


class AccountBatchItem(models.Model):
    """One person of a batch and what happened to them. Never holds a password."""

    class Result(models.TextChoices):
        PENDING = "pending", _("En attente")
        # The account exists, its e-mail has not left yet: recorded with the account,
        # so that a batch resumed after a crash sends it rather than skipping.
        EMAIL_PENDING = "email_pending", _("Accès créé, e-mail à envoyer")
        CREATED = "created", _("Accès créé")
        SKIPPED_NO_EMAIL = "skipped_no_email", _("Ignoré : pas d'e-mail")
        SKIPPED_HAS_ACCOUNT = "skipped_has_account", _("Ignoré : a déjà un compte")
        FAILED = "failed", _("Échec")
        EMAIL_FAILED = "email_failed", _("Accès créé, e-mail non envoyé")

    batch = models.ForeignKey(
        AccountBatch, on_delete=models.CASCADE, related_name="items"
    )
    client = models.ForeignKey(
        Client, null=True, on_delete=models.CASCADE, related_name="+"
    )
    intervenant = models.ForeignKey(
        Intervenant, null=True, on_delete=models.CASCADE, related_name="+"
    )
    result = models.CharField(max_length=20, choices=Result.choices, default="pending")
    identifier = models.CharField(max_length=150, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    @property
    def person(self):
        return self.client or self.intervenant
