"""Conversations between a person (client or intervenant) and their agency, their
messages and attachments, and the agency's announcements."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access.models import Agency, Client, Intervenant
from media.storage import private_storage


def body_max_length() -> int:
    return settings.MESSAGING_BODY_MAX_LENGTH


def one_person(name: str) -> models.CheckConstraint:
    """A row of exactly one person: its client or its intervenant, never both."""
    return models.CheckConstraint(
        condition=(Q(client__isnull=False) & Q(intervenant__isnull=True))
        | (Q(client__isnull=True) & Q(intervenant__isnull=False)),
        name=name,
    )


class ConversationQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)

    def for_person(self, person):
        """The person's conversations, within the person's agency."""
        return self.filter(
            agency_id=person.agency_id, **{f"{person.portal_kind}_id": person.pk}
        )


class Conversation(models.Model):
    """An exchange between one person and their agency's staff: the person (or staff,
    from the person's record) opens it, both sides write in it, staff assign and
    close it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Ouverte")
        CLOSED = "closed", _("Fermée")

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("agence"),
    )
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("client"),
    )
    intervenant = models.ForeignKey(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("intervenant"),
    )
    subject = models.CharField(_("objet"), max_length=200)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_conversations",
        verbose_name=_("suivie par"),
    )
    created_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("dernière activité"), db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_activity_at", "-id"]
        constraints = [one_person("conversation_has_one_person")]
        # A person's list and the agency's inbox, newest activity first.
        indexes = [
            models.Index(
                fields=["client", "-last_activity_at", "-id"],
                name="conv_client_activity",
                condition=Q(client__isnull=False),
            ),
            models.Index(
                fields=["intervenant", "-last_activity_at", "-id"],
                name="conv_intervenant_activity",
                condition=Q(intervenant__isnull=False),
            ),
            models.Index(
                fields=["agency", "-last_activity_at", "-id"],
                name="conv_agency_activity",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def person(self):
        return self.client or self.intervenant

    @property
    def kind(self) -> str:
        return "client" if self.client_id else "intervenant"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Message(models.Model):
    """One message of a conversation, written by one of the person's portal accounts
    or by a staff member. `read_at`: when the other side read it."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    body = models.TextField(
        _("message"), validators=[MaxLengthValidator(body_max_length)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The side does not depend on the author's account living on.
    from_staff = models.BooleanField(_("de l'agence"), default=False)
    author_name = models.CharField(_("auteur"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["conversation", "created_at", "id"], name="msg_conversation"
            ),
            # Unread counts: the other side's messages not read yet.
            models.Index(
                fields=["conversation", "from_staff"],
                name="msg_unread",
                condition=Q(read_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.body[:60]


class Attachment(models.Model):
    """A file sent with a message: checked like a document on upload (sniffed type,
    size, images opened safely, safe name), kept in the private storage and handed
    over through the same checked download."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("nom"), max_length=255)
    file = models.FileField(
        upload_to="messages", storage=private_storage, verbose_name=_("fichier")
    )
    content_type = models.CharField(_("type de fichier"), max_length=100)
    size = models.PositiveIntegerField(_("taille"), default=0)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class PersonMessagingSettings(models.Model):
    """A person's choice about e-mails announcing a new message (on unless a row
    says otherwise)."""

    client = models.OneToOneField(
        Client,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messaging_settings",
    )
    intervenant = models.OneToOneField(
        Intervenant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messaging_settings",
    )
    email_notifications = models.BooleanField(
        _("prévenir par e-mail des nouveaux messages"), default=True
    )

    class Meta:
        verbose_name = _("préférences de messagerie")
        constraints = [one_person("messaging_settings_one_person")]


class StaffMessagingSettings(models.Model):
    """Which new messages from people a staff member is told of by e-mail."""

    class Notify(models.TextChoices):
        ASSIGNED = "assigned", _("Les conversations qui me sont attribuées")
        ALL = "all", _("Toutes les conversations de l'agence non attribuées")
        NONE = "none", _("Aucune")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="messaging_settings",
    )
    notify = models.CharField(
        _("m'avertir par e-mail des nouveaux messages"),
        max_length=10,
        choices=Notify.choices,
        default=Notify.ASSIGNED,
    )

    class Meta:
        verbose_name = _("préférences de messagerie de l'équipe")


class AnnouncementQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)


class Announcement(models.Model):
    """A short announcement staff publish to every client and/or intervenant of the
    agency; it shows on the portal's home until its end date."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="announcements",
        verbose_name=_("agence"),
    )
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("texte"), validators=[MaxLengthValidator(2000)])
    for_clients = models.BooleanField(_("portail clients"), default=False)
    for_intervenants = models.BooleanField(_("portail intervenants"), default=False)
    ends_on = models.DateField(
        _("dernier jour d'affichage"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour l'afficher jusqu'à ce que vous la retiriez."),
    )
    published = models.BooleanField(_("publiée"), default=False)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("annonce")
        verbose_name_plural = _("annonces")
        ordering = ["-published_at", "-created_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.for_clients or self.for_intervenants):
            raise ValidationError(
                {
                    "for_clients": _(
                        "Choisissez au moins un portail : clients ou intervenants."
                    )
                }
            )
