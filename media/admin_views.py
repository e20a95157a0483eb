"""A person's documents in the admin: upload, publish or unpublish, share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from access.selectors import agencies_for_staff, people_model
from access.views import person_edit_url, person_for_staff

from . import services
from .forms import PersonDocumentForm
from .models import PortalDocument, PortalDocumentGroupObjectPermission


def documents_for_staff(user):
    documents = PortalDocument.objects.select_related("client", "intervenant")
    if user.is_superuser:
        return documents
    return documents.filter(agency__in=agencies_for_staff(user=user))


class UploadView(WagtailAdminTemplateMixin, FormView):
    template_name = "media/admin/upload.html"
    form_class = PersonDocumentForm
    page_title = gettext_lazy("Nouveau fichier")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.person = person_for_staff(request.user, kwargs["kind"], kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get_initial(self):
        return {
            "category": "payslip" if self.kwargs["kind"] == "intervenant" else "invoice"
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, person_url=person_edit_url(self.person), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.document_create(
                agency=self.person.agency,
                owner=self.person,
                title=data["title"],
                upload=data["file"],
                category=data["category"],
                year=data["year"],
                period=data["period"],
                publish=data["publish"],
                uploaded_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Le document est ajouté."))
        return redirect(person_edit_url(self.person))


@require_POST
def toggle_publication(request, pk):
    document = get_object_or_404(documents_for_staff(request.user), pk=pk)
    if document.is_published:
        services.document_unpublish(document=document)
        messages.success(request, _("Le document n'est plus visible sur le portail."))
    else:
        services.document_publish(document=document)
        messages.success(request, _("Le document est publié."))
    owner = document.owner
    return redirect(person_edit_url(owner) if owner else "wagtaildocs:index")


class ShareView(WagtailAdminTemplateMixin, TemplateView):
    """Who else sees a document: add or withdraw people of its agency."""

    template_name = "media/admin/share.html"
    page_title = gettext_lazy("Partager le document")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.document = get_object_or_404(
            documents_for_staff(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.document.title

    def shared_with(self):
        group_ids = PortalDocumentGroupObjectPermission.objects.filter(
            content_object=self.document
        ).values_list("group_id", flat=True)
        people = []
        for kind in ("client", "intervenant"):
            people += list(people_model(kind).objects.filter(group_id__in=group_ids))
        return people

    def get_context_data(self, **kwargs):
        agency = self.document.agency
        return super().get_context_data(
            document=self.document,
            shared_with=self.shared_with(),
            clients=agency.clients.order_by("last_name", "first_name"),
            intervenants=agency.intervenants.order_by("last_name", "first_name"),
            back_url=person_edit_url(self.document.owner)
            if self.document.owner
            else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        kind, _sep, pk = request.POST.get("person", "").partition("-")
        if kind not in ("client", "intervenant") or not pk.isdigit():
            messages.error(request, _("Choisissez une personne."))
            return redirect(request.path)
        person = person_for_staff(request.user, kind, pk)
        if request.POST.get("action") == "withdraw":
            services.document_unshare(document=self.document, person=person)
            messages.success(request, _("Le partage est retiré."))
        else:
            try:
                services.document_share(document=self.document, person=person)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Le document est partagé."))
        return redirect(request.path)
