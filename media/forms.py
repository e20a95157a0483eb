"""Staff forms for documents: Wagtail's document form (collective documents in the
documents admin, and any document's edit page) and the upload form of a person's
record."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from access.models import Agency

from .locks import document_is_locked
from .models import Category, category_choices
from .validation import safe_file_name, validate_upload

AUDIENCE_HELP = {
    "for_clients": _("Tous les clients de l'agence voient le document."),
    "for_intervenants": _("Tous les intervenants de l'agence voient le document."),
}


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form, with the checks of every upload and the document's
    agency taken from its collection. A collective document chooses its portals and
    is a resource; an individual one (uploaded from its person's record) keeps its
    person and takes a category of that person's kind."""

    is_published = forms.BooleanField(label=_("Publié"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_published"].initial = self.instance.is_published or (
            self.instance.pk is None
        )
        if "file" in self.fields and document_is_locked(self.instance):
            self.fields["file"].help_text = _(
                "Document signé, payé, scellé ou de conditions générales : son "
                "fichier ne se remplace plus et il reste publié."
            )
        kind = self.instance.kind
        if kind == "collective":
            for name, help_text in AUDIENCE_HELP.items():
                if name in self.fields:
                    self.fields[name].help_text = help_text
            # A resource: nothing to choose (clean() sets it).
            self.fields.pop("category", None)
        else:
            for name in AUDIENCE_HELP:
                self.fields.pop(name, None)
            if "category" in self.fields:
                self.fields["category"].choices = category_choices(kind)

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
        if self.instance.kind == "collective":
            self.instance.category = Category.RESOURCE
        if (
            self.instance.kind == "collective"
            and data.get("is_published")
            and not any(data.get(name) for name in AUDIENCE_HELP)
        ):
            raise ValidationError(
                _(
                    "Pour publier un document collectif, choisissez le portail "
                    "clients, le portail intervenants ou les deux."
                )
            )
        # Here rather than in save(): the model's own checks (a locked document
        # stays published) then see it and answer with a form error.
        published = data.get("is_published", False)
        if published and not self.instance.is_published:
            self.instance.published_at = timezone.now()
        self.instance.is_published = published
        return data


class PersonDocumentForm(forms.Form):
    """A file for one person: the categories of that person's kind, none chosen in
    advance."""

    title = forms.CharField(label=_("Libellé"), max_length=255)
    file = forms.FileField(label=_("Fichier"))
    category = forms.ChoiceField(label=_("Catégorie"))
    year = forms.IntegerField(
        label=_("Année"), required=False, min_value=1900, max_value=2999
    )
    period = forms.CharField(
        label=_("Période"),
        required=False,
        max_length=30,
        help_text=_("Un mois sous la forme 2026-10, ou laissez vide."),
    )
    publish = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("Choisissez une catégorie")),
            *category_choices(kind),
        ]
        self.fields["publish"].label = (
            _("Publier sur le portail clients")
            if kind == "client"
            else _("Publier sur le portail intervenants")
        )
