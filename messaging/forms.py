"""Forms of the staff inbox."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import StaffMessagingSettings


class InboxFilterForm(forms.Form):
    """The inbox's filters, read from the address; an unknown value filters
    nothing."""

    status = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[("", _("Toutes")), ("open", _("Ouvertes")), ("closed", _("Fermées"))],
    )
    kind = forms.ChoiceField(
        label=_("Personne"),
        required=False,
        choices=[
            ("", _("Clients et intervenants")),
            ("client", _("Clients")),
            ("intervenant", _("Intervenants")),
        ],
    )
    mine = forms.BooleanField(label=_("Qui me sont attribuées"), required=False)

    def chosen(self) -> dict[str, str]:
        """The filters in force, as the address writes them (for page links)."""
        self.is_valid()
        return {
            name: "1" if value is True else value
            for name, value in self.cleaned_data.items()
            if value
        }

    def filter(self, conversations, user):
        chosen = self.chosen()
        if "status" in chosen:
            conversations = conversations.filter(status=chosen["status"])
        if "kind" in chosen:
            conversations = conversations.filter(**{f"{chosen['kind']}__isnull": False})
        if "mine" in chosen:
            conversations = conversations.filter(assigned_to=user)
        return conversations


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Votre réponse"), widget=forms.Textarea)
    attachment = forms.FileField(label=_("Pièce jointe"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = settings.MESSAGING_BODY_MAX_LENGTH


class NewConversationForm(ReplyForm):
    subject = forms.CharField(label=_("Objet"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea)

    field_order = ["subject", "body", "attachment"]


def staff_name(user) -> str:
    """A colleague as staff read them: by name, the login only when there is none."""
    return user.get_full_name() or user.username


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return staff_name(user)


class AssignForm(forms.Form):
    assigned_to = StaffChoiceField(
        label=_("Suivie par"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Personne"),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = (
            get_user_model()
            .objects.filter(groups=agency.staff_group_id, is_active=True)
            .order_by("username")
        )


class StaffSettingsForm(forms.Form):
    notify = forms.ChoiceField(
        label=_("M'avertir par e-mail des nouveaux messages"),
        choices=StaffMessagingSettings.Notify.choices,
    )
