"""A person's documents in the admin: upload, publish or unpublish, share, delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from access.admin_ui import person_breadcrumbs
from access.forms import add_service_errors
from access.selectors import people_model
from access.staff_scope import staff_rows_by_agency
from access.views import PersonFormView, person_for_staff

from . import services
from .admin_ui import DOCUMENTS_TAB
from .forms import PersonDocumentForm
from .models import PortalDocument, PortalDocumentGroupObjectPermission


def documents_for_staff(user):
    return staff_rows_by_agency(PortalDocument, user).select_related(
        "client", "intervenant"
    )


def back_url(document) -> str:
    """Where staff return after acting on a document: its person's Documents tab,
    or the documents admin for a collective document."""
    owner = document.owner
    return DOCUMENTS_TAB.url(owner) if owner else reverse("wagtaildocs:index")


class UploadView(PersonFormView):
    form_class = PersonDocumentForm
    page_title = gettext_lazy("Nouveau fichier")
    breadcrumb_title = gettext_lazy("Nouveau fichier : %(person)s")
    submit_label = gettext_lazy("Ajouter")
    header_icon = "doc-full-inverse"
    tab = DOCUMENTS_TAB

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.person.portal_kind}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            document = services.document_create(
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
            add_service_errors(form, error, unnamed="file")
            return self.form_invalid(form)
        if document.is_published:
            message = _("Le document « %(title)s » est publié sur le portail.")
        else:
            message = _("Le document « %(title)s » est ajouté, sans être publié.")
        messages.success(self.request, message % {"title": document.title})
        return redirect(DOCUMENTS_TAB.url(self.person))


@require_POST
def publish(request, pk):
    """Publish (again) on the portal; a document already published stays so."""
    document = get_object_or_404(documents_for_staff(request.user), pk=pk)
    services.document_publish(document=document)
    messages.success(
        request,
        _("Le document « %(title)s » est publié sur le portail.")
        % {"title": document.title},
    )
    return redirect(back_url(document))


@require_POST
def unpublish(request, pk):
    """Hide from every portal at once; the document stays in the admin."""
    document = get_object_or_404(documents_for_staff(request.user), pk=pk)
    try:
        services.document_unpublish(document=document)
    except ValidationError as error:  # a locked document (locks.py)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Le document « %(title)s » n'est plus visible sur le portail.")
            % {"title": document.title},
        )
    return redirect(back_url(document))


class DocumentPageView(WagtailAdminTemplateMixin, TemplateView):
    """A page about one document of the staff member's agencies (`pk`), its
    breadcrumbs under the person who owns it, or under the documents admin for a
    collective one."""

    title_format = ""  # with %(title)s, the document's
    person_title_format = ""  # the breadcrumb under its owner: %(title)s and %(person)s

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.document = get_object_or_404(
            documents_for_staff(request.user), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return self.title_format % {"title": self.document.title}

    def collective_breadcrumbs(self) -> list:
        """What stands between the documents admin and this page."""
        return []

    def get_breadcrumbs_items(self):
        owner = self.document.owner
        if owner is not None:
            return person_breadcrumbs(
                owner,
                self.person_title_format
                % {"title": self.document.title, "person": owner},
            )
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtaildocs:index"), "label": _("Documents")},
            *self.collective_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]


class ShareView(DocumentPageView):
    """Who else sees a document: add or withdraw people of its agency."""

    template_name = "media/admin/share.html"
    header_icon = "group"
    title_format = gettext_lazy("Partager « %(title)s »")
    person_title_format = gettext_lazy("Partager « %(title)s » de %(person)s")

    def collective_breadcrumbs(self):
        return [
            {
                "url": reverse("wagtaildocs:edit", args=[self.document.pk]),
                "label": self.document.title,
            }
        ]

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
            back_url=back_url(self.document),
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
            messages.success(
                request,
                _("%(person)s ne voit plus le document.") % {"person": person},
            )
        else:
            try:
                services.document_share(document=self.document, person=person)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Le document est partagé avec %(person)s.") % {"person": person},
                )
        return redirect(request.path)


class DeleteView(DocumentPageView):
    """Delete a document after confirmation, then back to where staff came from
    (Wagtail's own delete page forgets the person's record on the way)."""

    template_name = "media/admin/delete.html"
    header_icon = "bin"
    title_format = gettext_lazy("Supprimer « %(title)s »")
    person_title_format = gettext_lazy("Supprimer « %(title)s » de %(person)s")

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(PortalDocument)
        if not policy.user_has_permission_for_instance(
            request.user, "delete", self.document
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            document=self.document, back_url=back_url(self.document), **kwargs
        )

    def post(self, request, *args, **kwargs):
        title, url = self.document.title, back_url(self.document)
        try:
            services.document_delete(document=self.document)
        except ProtectedError:
            messages.error(
                request,
                _(
                    "« %(title)s » ne peut pas être supprimé : une signature ou "
                    "des conditions générales s'y rapportent. Dépubliez-le plutôt."
                )
                % {"title": title},
            )
        except ValidationError as error:  # a locked document (locks.py)
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Le document « %(title)s » est supprimé.") % {"title": title},
            )
        return redirect(url)
