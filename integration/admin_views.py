"""Intégrations: the agency API keys of the staff member's agencies. A new key is
shown once, on the answer to its creation; only its prefix stays readable."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.widgets import AdminDateTimeInput

from access.admin_ui import AdminPage
from access.errors import ApplicationError
from access.forms import add_service_errors
from access.models import Agency
from access.staff_scope import staff_rows, staff_rows_by_agency

from .keys import api_key_create, api_key_revoke
from .models import AgencyApiKey
from .scopes import SCOPES

SCOPE_LABELS = {
    "clients:read": gettext_lazy("Clients : lecture"),
    "clients:write": gettext_lazy("Clients : écriture"),
    "intervenants:read": gettext_lazy("Intervenants : lecture"),
    "intervenants:write": gettext_lazy("Intervenants : écriture"),
    "interventions:read": gettext_lazy("Interventions : lecture"),
    "interventions:write": gettext_lazy("Interventions : écriture"),
    "availabilities:read": gettext_lazy("Disponibilités : lecture"),
    "availabilities:write": gettext_lazy("Disponibilités : écriture"),
    "absences:read": gettext_lazy("Absences : lecture"),
    "absences:write": gettext_lazy("Absences : écriture"),
    "accounts:read": gettext_lazy("Accès aux portails : lecture"),
    "accounts:write": gettext_lazy("Accès aux portails : création et suppression"),
    "documents:read": gettext_lazy("Documents : lecture"),
    "documents:write": gettext_lazy("Documents : écriture"),
    "billing:read": gettext_lazy("Devis, contrats et factures : lecture"),
    "billing:write": gettext_lazy("Devis, contrats et factures : écriture"),
    "events:read": gettext_lazy("Événements : lecture"),
    "webhooks:read": gettext_lazy("Webhooks : lecture"),
    "webhooks:write": gettext_lazy("Webhooks : création et suppression"),
}


class AgencyCreationForm(forms.Form):
    """A creation form of the integrations: first, the agency, among the staff
    member's own."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=gettext_lazy("Agence")
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0]


class ApiKeyForm(AgencyCreationForm):
    name = forms.CharField(label=gettext_lazy("Nom"), max_length=50)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Droits"),
        choices=[(scope, SCOPE_LABELS[scope]) for scope in SCOPES],
        widget=forms.CheckboxSelectMultiple,
        initial=list(SCOPES),
    )
    expiry_date = forms.DateTimeField(
        label=gettext_lazy("Expire le"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Laissez vide pour une clé sans expiration."),
    )


def rights_label(scopes) -> str:
    """A key's rights as staff read them: in words, not the API's scope names."""
    if set(scopes) >= set(SCOPES):
        return _("Tous les droits")
    return " ; ".join(str(SCOPE_LABELS[scope]) for scope in SCOPES if scope in scopes)


class IntegrationPage(AdminPage, TemplateView):
    """An admin page of the integrations."""


class CredentialPage(IntegrationPage):
    """A page listing credentials, with the form that creates one. The answer to
    the creation is rendered, not redirected: the new secret is in that answer
    and nowhere else."""

    form_class: type[AgencyCreationForm]
    creation_title = ""
    creation_submit = ""

    def agencies(self):
        return staff_rows(Agency, self.request.user)

    def create(self, **data) -> str:
        """Creates the credential from the form's data, tells the staff member,
        and returns its secret."""
        raise NotImplementedError

    def get_context_data(self, form=None, secret=None, **kwargs):
        return super().get_context_data(
            form=form or self.form_class(agencies=self.agencies()),
            secret=secret,
            creation_title=self.creation_title,
            creation_submit=self.creation_submit,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, agencies=self.agencies())
        secret = None
        if form.is_valid():
            try:
                secret = self.create(**form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                form = None
        return self.render_to_response(self.get_context_data(form=form, secret=secret))


class IntegrationsView(CredentialPage):
    template_name = "integration/admin/keys.html"
    page_title = gettext_lazy("Clés d'API")
    header_icon = "key"
    form_class = ApiKeyForm
    creation_title = gettext_lazy("Nouvelle clé")
    creation_submit = gettext_lazy("Créer la clé")

    def get_context_data(self, **kwargs):
        keys = list(
            staff_rows_by_agency(AgencyApiKey, self.request.user).select_related(
                "agency"
            )
        )
        for key in keys:
            key.rights = rights_label(key.scopes)
        return super().get_context_data(keys=keys, **kwargs)

    def create(self, **data) -> str:
        key, secret = api_key_create(**data)
        messages.success(
            self.request, _("La clé « %(name)s » a été créée.") % {"name": key.name}
        )
        return secret


def revoke_key(request, prefix):
    if request.method != "POST":
        return redirect("integration_admin:keys")
    key = get_object_or_404(
        staff_rows_by_agency(AgencyApiKey, request.user), prefix=prefix
    )
    api_key_revoke(key=key)
    messages.success(
        request, _("La clé « %(name)s » a été révoquée.") % {"name": key.name}
    )
    return redirect("integration_admin:keys")
