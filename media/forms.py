"""Staff forms for documents: Wagtail's document form (collective documents,
Société > Documents) and the upload form of a person's record."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from access.models import Agency

from .models import Category
from .validation import safe_file_name, validate_upload


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form, with the checks of every upload and the document's
    agency taken from its collection."""

    is_published = forms.BooleanField(label=_("Publié"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_published"].initial = self.instance.is_published or (
            self.instance.pk is None
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self.instance.content_type = validate_upload(upload)
            upload.name = safe_file_name(upload.name, self.instance.content_type)
        return upload

    def clean(self):
        data = super().clean()
        collection = data.get("collection")
        if collection is None and len(self.collections) == 1:
            collection = self.collections[0]  # Wagtail hides a single choice
        elif collection is None:
            collection = self.instance.collection
        agency = (
            Agency.objects.filter(collection=collection).first() if collection else None
        )
        if agency is None:
            raise ValidationError(_("Choisissez la collection d'une agence."))
        self.instance.agency = agency
        owned = self.instance.client_id or self.instance.intervenant_id
        if owned and (data.get("for_clients") or data.get("for_intervenants")):
            raise ValidationError(
                _("Un document individuel ne se publie pas à toute l'agence.")
            )
        return data

    def save(self, commit=True):
        published = self.cleaned_data.get("is_published", False)
        if published and not self.instance.is_published:
            self.instance.published_at = timezone.now()
        self.instance.is_published = published
        return super().save(commit=commit)


class PersonDocumentForm(forms.Form):
    title = forms.CharField(label=_("Libellé"), max_length=255)
    file = forms.FileField(label=_("Fichier"))
    category = forms.ChoiceField(label=_("Catégorie"), choices=Category.choices)
    year = forms.IntegerField(
        label=_("Année"), required=False, min_value=1900, max_value=2999
    )
    period = forms.CharField(label=_("Période"), required=False, max_length=30)
    publish = forms.BooleanField(
        label=_("Publier sur le portail"), required=False, initial=True
    )
