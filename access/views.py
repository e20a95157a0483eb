"""Admin views for portal accounts: per person (generate, regenerate, delete) and in
batch. Every lookup goes through the staff member's agencies: a foreign id is a 404."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from . import services
from .admin_forms import FIELD_OF_ERROR, BatchForm, CredentialsForm, GenerateForm
from .admin_ui import (
    AdminTitleMixin,
    PersonTab,
    person_breadcrumbs,
    person_edit_url,
)
from .formatting import format_agency_datetime
from .models import AccountBatchItem, Agency
from .selectors import (
    accounts_for_staff,
    batches_for_staff,
    people_model,
    people_without_account,
)
from .staff_scope import staff_rows, staff_rows_with_permission
from .tasks import account_batch_enqueue

KIND_LABELS = {
    "client": gettext_lazy("Clients"),
    "intervenant": gettext_lazy("Intervenants"),
}


def person_for_staff(user, kind: str, pk):
    rows = staff_rows_with_permission(people_model(kind), user, ["change"])
    return get_object_or_404(rows.select_related("agency"), pk=pk)


class PersonFormView(WagtailAdminTemplateMixin, FormView):
    """A staff form about one person of their agency, opened from a tab of their
    record (upload a file, write a message): the person is looked up in the
    staff's scope, the breadcrumbs lead back to the record and Cancel to the tab.
    Subclasses set `page_title`, `breadcrumb_title` ("… : %(person)s"),
    `submit_label` and `tab` (the PersonTab they are opened from)."""

    template_name = "access/admin/person_form.html"
    breadcrumb_title = ""
    submit_label = ""
    tab: PersonTab

    def dispatch(self, request, *args, **kwargs):
        self.person = person_for_staff(request.user, kwargs["kind"], kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return person_breadcrumbs(
            self.person, self.breadcrumb_title % {"person": self.person}
        )

    def get_person_url(self) -> str:
        return self.tab.url(self.person)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            person_url=self.get_person_url(),
            submit_label=self.submit_label,
            **kwargs,
        )


def module_is_on(person) -> bool:
    return person.agency.module_enabled(person.portal_kind)


class CredentialsView(AdminTitleMixin, WagtailAdminTemplateMixin, FormView):
    """Shared by generation and regeneration: form, service call, result page."""

    template_name = "access/admin/credentials_form.html"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.person = self.get_person()
        if not module_is_on(self.person):
            messages.error(request, _("Le module de ce portail n'est pas activé."))
            return redirect(person_edit_url(self.person))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return person_breadcrumbs(self.person, self.get_header_title())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "person": self.person}

    def form_valid(self, form):
        try:
            credentials = self.call_service(form.service_arguments())
        except ValidationError as error:
            for key, messages_ in error.message_dict.items():
                form.add_error(FIELD_OF_ERROR.get(key), messages_)
            return self.form_invalid(form)
        if credentials.email_error:
            messages.warning(self.request, credentials.email_error)
        return self.render_to_response(
            self.get_context_data(form=None, credentials=credentials)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            person_url=person_edit_url(self.person),
            done_title=self.done_title,
            **kwargs,
        )


class GenerateView(CredentialsView):
    form_class = GenerateForm
    page_title = gettext_lazy("Générer un accès au portail")
    done_title = gettext_lazy("Accès créé")

    def get_person(self):
        return person_for_staff(
            self.request.user, self.kwargs["kind"], self.kwargs["pk"]
        )

    def call_service(self, arguments):
        return services.portal_account_generate(person=self.person, **arguments)


class AccountMixin:
    def get_person(self):
        self.account = get_object_or_404(
            accounts_for_staff(user=self.request.user), pk=self.kwargs["pk"]
        )
        # Access to the account needs the right to change its person.
        return person_for_staff(
            self.request.user, self.account.portal.kind, self.account.person.pk
        )


class RegenerateView(AccountMixin, CredentialsView):
    form_class = CredentialsForm
    page_title = gettext_lazy("Régénérer les accès")
    done_title = gettext_lazy("Accès régénérés")

    def get_page_subtitle(self):
        return self.account.username

    def call_service(self, arguments):
        return services.portal_account_regenerate(
            account=self.account, changed_by=self.request.user, **arguments
        )


class DeleteView(
    AccountMixin, AdminTitleMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "access/admin/account_delete.html"
    page_title = gettext_lazy("Supprimer l'accès au portail")
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        self.person = self.get_person()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.account.username

    def get_breadcrumbs_items(self):
        return person_breadcrumbs(self.person, self.get_header_title())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            account=self.account, person=self.person, **kwargs
        )

    def post(self, request, *args, **kwargs):
        services.portal_account_delete(account=self.account)
        messages.success(
            request,
            _("L'accès %(identifier)s est supprimé.")
            % {"identifier": self.account.username},
        )
        return redirect(person_edit_url(self.person))


def batch_breadcrumbs(kind: str, current) -> list[dict]:
    return [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {
            "url": reverse(people_model(kind).snippet_viewset.get_url_name("list")),
            "label": KIND_LABELS[kind],
        },
        {"url": "", "label": current},
    ]


class BatchView(AdminTitleMixin, WagtailAdminTemplateMixin, FormView):
    """People of the staff member's agency without an account: select, then generate."""

    template_name = "access/admin/batch_form.html"
    form_class = BatchForm
    header_icon = "key"
    page_title = gettext_lazy("Création de portails")
    shown = 200

    def dispatch(self, request, *args, **kwargs):
        self.kind = kwargs["kind"]
        agencies = list(staff_rows(Agency, request.user))
        if (
            not policy_registry.get_by_type(
                people_model(self.kind)
            ).user_has_permission(request.user, "change")
            or not agencies
        ):
            raise Http404
        chosen = request.GET.get("agency") or request.POST.get("agency")
        self.agency = next((a for a in agencies if str(a.pk) == chosen), agencies[0])
        self.agencies = agencies
        self.query = (request.GET.get("q") or request.POST.get("q") or "").strip()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return KIND_LABELS[self.kind]

    def get_breadcrumbs_items(self):
        return batch_breadcrumbs(self.kind, self.get_header_title())

    def people(self):
        people = people_without_account(agency=self.agency, kind=self.kind)
        if self.query:
            people = people.filter(
                Q(last_name__icontains=self.query)
                | Q(first_name__icontains=self.query)
                | Q(email__icontains=self.query)
            )
        return people.order_by("last_name", "first_name")

    def get_form_kwargs(self):
        eligible = self.people().exclude(email="").values_list("pk", flat=True)
        return {
            **super().get_form_kwargs(),
            "agency": self.agency,
            "eligible_ids": list(eligible),
        }

    def get_context_data(self, **kwargs):
        people = self.people()
        form = kwargs.get("form")
        return super().get_context_data(
            kind=self.kind,
            ticked=form.ticked() if form is not None else set(),
            agency=self.agency,
            agencies=self.agencies,
            query=self.query,
            people=people[: self.shown],
            count=people.count(),
            eligible_count=people.exclude(email="").count(),
            module_on=self.agency.module_enabled(self.kind),
            batches=batches_for_staff(user=self.request.user).filter(
                kind=self.kind, agency=self.agency
            )[:5],
            **kwargs,
        )

    def form_valid(self, form):
        if not self.agency.module_enabled(self.kind):
            messages.error(self.request, _("Le module de ce portail n'est pas activé."))
            return self.form_invalid(form)
        with transaction.atomic():
            batch = services.account_batch_create(
                agency=self.agency,
                kind=self.kind,
                person_ids=form.selected_ids(),
                delivery=form.cleaned_data["delivery"],
                sender=form.cleaned_data["sender"],
                created_by=self.request.user,
            )
            account_batch_enqueue(batch)
        return redirect("access_admin:batch", pk=batch.pk)


class BatchDetailView(AdminTitleMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "access/admin/batch_detail.html"
    header_icon = "key"
    page_title = gettext_lazy("Création de portails")
    shown = 500

    def dispatch(self, request, *args, **kwargs):
        self.batch = get_object_or_404(
            batches_for_staff(user=request.user).select_related("agency"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return format_agency_datetime(self.batch.created_at, self.batch.agency)

    def get_breadcrumbs_items(self):
        return batch_breadcrumbs(self.batch.kind, self.get_header_title())

    def get_context_data(self, **kwargs):
        batch = self.batch
        counts = dict(batch.items.values_list("result").annotate(n=Count("pk")))
        results = [
            (label, counts.get(value, 0))
            for value, label in AccountBatchItem.Result.choices
            if counts.get(value)
        ]
        items = batch.items.select_related(batch.kind).order_by(
            f"{batch.kind}__last_name", f"{batch.kind}__first_name", "pk"
        )
        return super().get_context_data(
            batch=batch,
            results=results,
            items=items[: self.shown],
            hidden=max(batch.total - self.shown, 0),
            **kwargs,
        )


class Echo:
    def write(self, value):
        return value


def batch_csv(request, pk):
    """The batch's results, one row per person; never a password."""
    batch = get_object_or_404(batches_for_staff(user=request.user), pk=pk)
    writer = csv.writer(Echo())
    labels = dict(AccountBatchItem.Result.choices)

    def rows():
        yield writer.writerow(
            [
                "person_id",
                "last_name",
                "first_name",
                "identifier",
                "result",
                "result_label",
                "message",
            ]
        )
        items = batch.items.select_related(batch.kind).iterator(chunk_size=500)
        for item in items:
            person = item.person
            yield writer.writerow(
                [
                    person.pk,
                    person.last_name,
                    person.first_name,
                    item.identifier,
                    item.result,
                    labels[item.result],
                    item.message,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portails-{batch.pk}.csv"'
    return response
