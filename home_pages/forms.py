"""The portal page's admin form: checkboxes per menu section and planning action, the
link placeholders check, and the portal's address (saved by the after-edit hook)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from access.models import Portal

from .links import validate_link_url
from .menu import section_choices

ACTION_CHOICES = [
    ("view", _("Consultation")),
    ("create", _("Création")),
    ("change", _("Modification")),
    ("delete", _("Suppression")),
]


def _checkboxes(label):
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=ACTION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )


class PortalPageForm(WagtailAdminPageForm):
    menu_sections = forms.MultipleChoiceField(
        label=_("Rubriques affichées"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    planning_interventions = _checkboxes(_("Plages d'intervention"))
    planning_availabilities = _checkboxes(_("Disponibilités"))
    planning_absences = _checkboxes(_("Absences"))
    portal_key = forms.SlugField(
        label=_("Clé du portail"),
        max_length=80,
        help_text=_(
            "Utilisée dans l'adresse du portail ; unique pour toute l'installation."
        ),
    )
    portal_hostname = forms.CharField(
        label=_("Nom d'hôte"),
        max_length=253,
        required=False,
        help_text=_(
            "Facultatif : le nom de domaine propre à ce portail, sans https:// "
            "(par exemple portail.mon-agence.fr)."
        ),
        validators=[DomainNameValidator(accept_idna=False)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        portal = self.instance.portal
        self.fields["menu_sections"].choices = section_choices(portal.kind)
        # Only the agency's own images, whatever id is posted.
        self.fields["logo"].queryset = self.fields["logo"].queryset.filter(
            collection__agency=portal.agency
        )
        self.fields["portal_key"].initial = portal.key
        self.fields["portal_hostname"].initial = portal.hostname or ""
        self.fields["portal_key"].help_text = _(
            "Adresse actuelle du portail, à copier sur le site de l'agence : "
            "%(address)s"
        ) % {"address": self.instance.address}

    def clean_portal_key(self):
        key = self.cleaned_data["portal_key"]
        if Portal.objects.filter(key=key).exclude(pk=self.instance.portal_id).exists():
            raise ValidationError(
                _("Cette clé est déjà utilisée par un autre portail.")
            )
        return key

    def clean_portal_hostname(self):
        hostname = self.cleaned_data["portal_hostname"].strip().lower() or None
        if (
            hostname
            and Portal.objects.filter(hostname=hostname)
            .exclude(pk=self.instance.portal_id)
            .exists()
        ):
            raise ValidationError(
                _("Ce nom d'hôte est déjà utilisé par un autre portail.")
            )
        return hostname

    def clean(self):
        cleaned = super().clean()
        kind = self.instance.portal.kind
        links = self.formsets["extra_links"]
        links.is_valid()
        for form in links.forms:
            url = getattr(form, "cleaned_data", {}).get("url")
            if not url or form.cleaned_data.get("DELETE"):
                continue
            try:
                validate_link_url(url, kind)
            except ValidationError as error:
                form.add_error("url", error)
        return cleaned
