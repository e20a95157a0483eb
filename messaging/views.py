"""The staff inbox in the admin: their agencies' conversations only (a foreign id is
a 404), reply with an attachment, assign, close and reopen, a new message from a
person's record, and who is told of new messages by e-mail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from access.admin_ui import AdminPage
from access.errors import ApplicationError
from access.formatting import format_agency_datetime
from access.forms import add_service_errors
from access.views import PersonFormView, person_for_staff
from media.downloads import document_download

from . import services
from .admin_ui import MESSAGES_TAB
from .forms import (
    AssignForm,
    InboxFilterForm,
    NewConversationForm,
    ReplyForm,
    StaffSettingsForm,
    staff_name,
)
from .models import Conversation
from .selectors import (
    attachment_for_staff,
    conversation_for_staff,
    conversations_for_staff,
)


def _conversation(request, pk) -> Conversation:
    conversation = conversation_for_staff(request.user, pk)
    if conversation is None:
        raise Http404
    return conversation


# The services name the attachments' field after the list they take.
ATTACHMENT_FIELD = {"attachments": "attachment"}


class InboxView(AdminPage, TemplateView):
    template_name = "messaging/admin/inbox.html"
    page_title = gettext_lazy("Messages")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        query = self.request.GET
        filters = InboxFilterForm(query)
        conversations = filters.filter(
            conversations_for_staff(self.request.user), self.request.user
        )
        page = Paginator(conversations, 50).get_page(query.get("p"))
        for conversation in page:
            conversation.activity = format_agency_datetime(
                conversation.last_activity_at, conversation.agency
            )
            assigned = conversation.assigned_to
            conversation.assignee = staff_name(assigned) if assigned else ""
        return super().get_context_data(
            page=page,
            filters=filters,
            chosen=filters.chosen(),
            settings_form=StaffSettingsForm(
                initial={"notify": services.staff_notify_choice(self.request.user)}
            ),
            **kwargs,
        )


class ConversationView(WagtailAdminTemplateMixin, FormView):
    """The conversation, oldest message first; reading it marks the person's
    messages read. The form is the reply."""

    template_name = "messaging/admin/conversation.html"
    form_class = ReplyForm
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.conversation = _conversation(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.conversation.subject

    def get_page_subtitle(self):
        return str(self.conversation.person)

    def get_breadcrumbs_items(self):
        return [
            *WagtailAdminTemplateMixin.breadcrumbs_items,
            {"url": reverse("messaging_admin:inbox"), "label": _("Messages")},
            {"url": "", "label": self.conversation.subject},
        ]

    def get(self, request, *args, **kwargs):
        services.conversation_read(conversation=self.conversation, reader=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        conversation = self.conversation
        agency = conversation.agency
        for message in conversation.messages.all():
            message.when = format_agency_datetime(message.created_at, agency)
        return super().get_context_data(
            conversation=conversation,
            assign_form=AssignForm(
                agency=agency, initial={"assigned_to": conversation.assigned_to_id}
            ),
            person_url=MESSAGES_TAB.url(conversation.person),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        uploads = [data["attachment"]] if data.get("attachment") else []
        try:
            services.message_reply(
                conversation=self.conversation,
                author=self.request.user,
                body=data["body"],
                uploads=uploads,
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error, renamed=ATTACHMENT_FIELD)
            return self.form_invalid(form)
        messages.success(self.request, _("Votre réponse est envoyée."))
        return redirect("messaging_admin:conversation", self.conversation.pk)


class NewConversationView(PersonFormView):
    """A new conversation with one person, from their record."""

    form_class = NewConversationForm
    page_title = gettext_lazy("Nouveau message")
    breadcrumb_title = gettext_lazy("Nouveau message : %(person)s")
    submit_label = gettext_lazy("Envoyer")
    header_icon = "mail"
    tab = MESSAGES_TAB

    def form_valid(self, form):
        data = form.cleaned_data
        uploads = [data["attachment"]] if data.get("attachment") else []
        try:
            conversation = services.conversation_start(
                person=self.person,
                author=self.request.user,
                subject=data["subject"],
                body=data["body"],
                uploads=uploads,
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed=ATTACHMENT_FIELD)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Votre message à %(person)s est envoyé.") % {"person": self.person},
        )
        return redirect("messaging_admin:conversation", conversation.pk)


@require_POST
def assign(request, pk):
    conversation = _conversation(request, pk)
    form = AssignForm(request.POST, agency=conversation.agency)
    if form.is_valid():
        staff = form.cleaned_data["assigned_to"]
        services.conversation_assign(conversation=conversation, staff=staff)
        if staff is None:
            messages.success(request, _("La conversation n'est plus attribuée."))
        else:
            messages.success(
                request,
                _("La conversation est suivie par %(name)s.")
                % {"name": staff_name(staff)},
            )
    else:
        messages.error(request, _("Choisissez un membre de l'équipe de l'agence."))
    return redirect("messaging_admin:conversation", pk)


def _change_status(request, pk, service, done: str):
    service(conversation=_conversation(request, pk), by=request.user)
    messages.success(request, done)
    return redirect("messaging_admin:conversation", pk)


@require_POST
def close(request, pk):
    return _change_status(
        request, pk, services.conversation_close, _("La conversation est fermée.")
    )


@require_POST
def reopen(request, pk):
    return _change_status(
        request, pk, services.conversation_reopen, _("La conversation est rouverte.")
    )


def attachment_download(request, pk):
    attachment = attachment_for_staff(request.user, pk)
    if attachment is None:
        raise Http404
    return document_download(attachment)


@require_POST
def person_notifications(request, kind, pk, enabled):
    person = person_for_staff(request.user, kind, pk)
    enabled = bool(enabled)
    services.person_notifications_set(person=person, enabled=enabled)
    if enabled:
        text = _("Les nouveaux messages seront signalés par e-mail à %(person)s.")
    else:
        text = _(
            "Les nouveaux messages ne seront plus signalés par e-mail à %(person)s."
        )
    messages.success(request, text % {"person": person})
    return redirect(MESSAGES_TAB.url(person))


@require_POST
def staff_settings(request):
    form = StaffSettingsForm(request.POST)
    if form.is_valid():
        services.staff_notifications_set(
            user=request.user, notify=form.cleaned_data["notify"]
        )
        messages.success(request, _("Vos préférences sont enregistrées."))
    return redirect("messaging_admin:inbox")
