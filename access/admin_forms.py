"""Staff forms for portal accounts (single generation, regeneration, batches)."""

from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from .models import SenderAddress

DELIVERY_CHOICES = [
    ("password", _("Mot de passe")),
    ("invitation", _("Lien d'invitation (la personne choisit son mot de passe)")),
]


class CredentialsForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Transmission"), choices=DELIVERY_CHOICES, widget=forms.RadioSelect
    )
    auto_password = forms.BooleanField(
        label=_("Mot de passe automatique"), required=False, initial=True
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Seulement si « Mot de passe automatique » est décoché."),
    )
    send_email = forms.BooleanField(label=_("Transmettre par email"), required=False)
    sender = forms.ModelChoiceField(
        label=_("Adresse d'expédition"),
        queryset=SenderAddress.objects.none(),
        required=False,
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        senders = SenderAddress.objects.filter(agency_id=person.agency_id)
        self.fields["sender"].queryset = senders
        self.fields["sender"].initial = senders.first()
        self.fields["delivery"].initial = person.agency.account_delivery
        self.fields["send_email"].initial = bool(person.email)
        if not person.email:
            self.fields["send_email"].disabled = True
            self.fields["send_email"].help_text = _("Cette personne n'a pas d'e-mail.")

    def clean(self):
        data = super().clean()
        typed = data.get("delivery") == "password" and not data.get("auto_password")
        if typed and not data.get("password"):
            self.add_error(
                "password",
                _("Saisissez un mot de passe ou cochez « Mot de passe automatique »."),
            )
        if (
            data.get("send_email")
            and not data.get("sender")
            and self.fields["sender"].queryset.exists()
        ):
            self.add_error("sender", _("Choisissez l'adresse d'expédition."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        typed = data["delivery"] == "password" and not data["auto_password"]
        return {
            "mode": data["delivery"],
            "password": data["password"] if typed else None,
            "send_email": data["send_email"],
            "sender": data["sender"],
        }


class GenerateForm(CredentialsForm):
    identifier = forms.CharField(label=_("Identifiant"), max_length=150)
    field_order = ["identifier"]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        self.fields["identifier"].initial = person.email

    def service_arguments(self) -> dict:
        return {
            "identifier": self.cleaned_data["identifier"],
            **super().service_arguments(),
        }


# A service's error keys, as the form's field names.
FIELD_OF_ERROR = {
    "username": "identifier",
    "password": "password",
    "send_email": "send_email",
    "sender": "sender",
}


class BatchForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Transmission"), choices=DELIVERY_CHOICES, widget=forms.RadioSelect
    )
    sender = forms.ModelChoiceField(
        label=_("Adresse d'expédition"), queryset=SenderAddress.objects.none()
    )
    people = forms.MultipleChoiceField(required=False)
    select_all = forms.BooleanField(required=False)

    def __init__(self, *args, agency, eligible_ids, **kwargs):
        super().__init__(*args, **kwargs)
        senders = SenderAddress.objects.filter(agency=agency)
        self.fields["sender"].queryset = senders
        self.fields["sender"].initial = senders.first()
        self.fields["delivery"].initial = agency.account_delivery
        self.fields["people"].choices = [(str(pk), str(pk)) for pk in eligible_ids]
        self.eligible_ids = eligible_ids

    def ticked(self) -> set[str]:
        """The people ticked in the submitted form, kept ticked when it comes back
        with an error."""
        return set(self.data.getlist("people")) if self.is_bound else set()

    def selected_ids(self) -> list[int]:
        if self.cleaned_data["select_all"]:
            return list(self.eligible_ids)
        return [int(pk) for pk in self.cleaned_data["people"]]

    def clean(self):
        data = super().clean()
        if not self.errors and not self.selected_ids():
            raise forms.ValidationError(_("Sélectionnez au moins une personne."))
        return data


class StaffLoginForm(LoginForm):
    """Wagtail's login form with its labels in our words: Wagtail leaves the password
    field unlabelled, so Django shows its English name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Identifiant")
        self.fields["username"].widget.attrs["placeholder"] = _("Votre identifiant")
        self.fields["password"].label = _("Mot de passe")
        self.fields["password"].widget.attrs["placeholder"] = _("Votre mot de passe")


class TimeZoneSelect(forms.Select):
    """The host's time zones, read when the form is drawn (the model keeps no frozen
    list: tzdata changes between releases)."""

    def __init__(self, attrs=None):
        zones = sorted(available_timezones())
        super().__init__(attrs, choices=[(zone, zone) for zone in zones])
