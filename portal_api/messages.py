"""Messages between the signed-in person and their agency, and the agency's
announcements (API.md: Messages)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from access.errors import ApplicationError
from api_base.pagination import (
    CURSOR_PARAMETERS,
    CursorPage,
    PortalCursorPagination,
    cursor_page,
)
from api_base.schema import ERRORS
from media.downloads import document_download
from messaging.models import Conversation
from messaging.selectors import (
    announcement_list_for_account,
    attachment_for_account,
    conversation_for_account,
    conversation_list_for_account,
)
from messaging.services import (
    conversation_read,
    conversation_start,
    message_reply,
    person_notifications_enabled,
    person_notifications_set,
)

from .base import PortalApiView
from .schema import DOWNLOAD_RESPONSES


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="title")
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    download_url = serializers.SerializerMethodField(
        help_text="This API's address of the file: it checks access, then streams "
        "the file or redirects to a short-lived storage address."
    )

    def get_download_url(self, attachment) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(
            reverse(
                "portal_api:message-attachment",
                args=[
                    request.portal.key,
                    attachment.message.conversation_id,
                    attachment.pk,
                ],
            )
        )


class MessageAuthorSerializer(serializers.Serializer):
    side = serializers.ChoiceField(
        choices=["person", "agency"],
        help_text="`person`: one of the person's accounts; `agency`: staff",
    )
    name = serializers.CharField(source="author_name")

    def to_representation(self, message):
        return {
            "side": "agency" if message.from_staff else "person",
            "name": message.author_name,
        }


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    author = MessageAuthorSerializer(source="*")
    created_at = serializers.DateTimeField()
    read = serializers.SerializerMethodField(
        help_text="Whether the other side has read it (staff for the person's "
        "messages, the person for the agency's)"
    )
    attachments = AttachmentSerializer(many=True)

    def get_read(self, message) -> bool:
        return message.read_at is not None


class ConversationFieldsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    status = serializers.ChoiceField(choices=Conversation.Status.choices)
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField()


class ConversationSummarySerializer(ConversationFieldsSerializer):
    unread = serializers.IntegerField(
        help_text="The agency's messages in it the person has not read"
    )


class ConversationSerializer(ConversationFieldsSerializer):
    messages = MessageSerializer(many=True, help_text="Oldest first")


class ConversationPage(CursorPage):
    results = ConversationSummarySerializer(many=True)


class MessageInput(serializers.Serializer):
    body = serializers.CharField(
        help_text="At most MESSAGING_BODY_MAX_LENGTH characters (5,000 by default)"
    )
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text="Files, sent as multipart/form-data; the documents' upload rules "
        "apply (size, type sniffed from the content, images checked)",
    )


class ConversationInput(MessageInput):
    subject = serializers.CharField(max_length=200)


class ConversationFilters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Conversation.Status.choices, required=False
    )


class AnnouncementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    ends_on = serializers.DateField(
        allow_null=True, help_text="The last day it shows; null: until withdrawn"
    )
    published_at = serializers.DateTimeField()


class MessagingSettingsSerializer(serializers.Serializer):
    email_notifications = serializers.BooleanField(
        help_text="Whether an e-mail tells the person's accounts that a new message "
        "from the agency is waiting (the e-mail never holds the message); shared by "
        "every account of the person"
    )


class NewestActivityFirst(PortalCursorPagination):
    ordering = ("-last_activity_at", "-id")


def _uploads(request) -> list:
    return request.FILES.getlist("attachments") if request.FILES else []


class MessagesMixin(PortalApiView):
    parser_classes = [JSONParser, MultiPartParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.require_sections(
            "messages", message=_("La messagerie n'est pas proposée sur ce portail.")
        )

    def conversation(self, pk) -> Conversation:
        conversation = conversation_for_account(account=self.request.user, pk=pk)
        if conversation is None:
            raise ApplicationError(
                "not_found", _("Conversation introuvable."), status=404
            )
        return conversation

    def answer(self, conversation, status=200):
        context = {"request": self.request}
        return Response(
            ConversationSerializer(conversation, context=context).data, status=status
        )


class ConversationListApi(MessagesMixin):
    @extend_schema(
        operation_id="messages_list",
        parameters=[
            OpenApiParameter("status", enum=Conversation.Status.values),
            *CURSOR_PARAMETERS,
        ],
        responses={200: ConversationPage, **ERRORS(400, 401, 403, 404)},
    )
    def get(self, request, portal):
        filters = ConversationFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        conversations = conversation_list_for_account(
            account=request.user, status=filters.validated_data.get("status")
        )
        paginator = NewestActivityFirst()
        page = cursor_page(paginator, conversations, request, self)
        return paginator.get_paginated_response(
            ConversationSummarySerializer(page, many=True).data
        )

    @extend_schema(
        operation_id="messages_create",
        request={
            "application/json": ConversationInput,
            "multipart/form-data": ConversationInput,
        },
        responses={201: ConversationSerializer, **ERRORS(400, 401, 403, 404, 429)},
        summary="Write to the agency: a new conversation with its first message",
    )
    def post(self, request, portal):
        data = self.read_input(ConversationInput)
        conversation = conversation_start(
            person=request.user.person,
            author=request.user,
            subject=data["subject"],
            body=data["body"],
            uploads=_uploads(request),
        )
        return self.answer(self.conversation(conversation.pk), status=201)


class ConversationApi(MessagesMixin):
    @extend_schema(
        operation_id="messages_retrieve",
        responses={200: ConversationSerializer, **ERRORS(401, 403, 404)},
    )
    def get(self, request, portal, pk):
        return self.answer(self.conversation(pk))


class ConversationReplyApi(MessagesMixin):
    @extend_schema(
        operation_id="messages_reply",
        request={
            "application/json": MessageInput,
            "multipart/form-data": MessageInput,
        },
        responses={
            201: ConversationSerializer,
            **ERRORS(400, 401, 403, 404, 409, 429),
        },
        summary="Reply in a conversation (`409 conversation_closed` once closed)",
    )
    def post(self, request, portal, pk):
        conversation = self.conversation(pk)
        data = self.read_input(MessageInput)
        message_reply(
            conversation=conversation,
            author=request.user,
            body=data["body"],
            uploads=_uploads(request),
        )
        return self.answer(self.conversation(pk), status=201)


class ConversationReadApi(MessagesMixin):
    @extend_schema(
        operation_id="messages_read",
        request=None,
        responses={204: None, **ERRORS(401, 403, 404)},
        summary="Mark the agency's messages in the conversation read",
    )
    def post(self, request, portal, pk):
        conversation_read(conversation=self.conversation(pk), reader=request.user)
        return Response(status=204)


class AttachmentDownloadApi(MessagesMixin):
    @extend_schema(
        operation_id="messages_attachment_download", responses=DOWNLOAD_RESPONSES
    )
    def get(self, request, portal, pk, attachment):
        found = attachment_for_account(
            account=request.user, pk=attachment, conversation=pk
        )
        if found is None:
            raise ApplicationError(
                "not_found", _("Pièce jointe introuvable."), status=404
            )
        return document_download(found)


class MessagingSettingsApi(MessagesMixin):
    """The person's choice about the e-mails that say a message from the agency is
    waiting (on until switched off). It belongs to the person: every account of the
    person reads and changes the same one, as staff do from the person's record."""

    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="messages_settings_retrieve",
        responses={200: MessagingSettingsSerializer, **ERRORS(401, 403, 404)},
        summary="The person's choice about e-mails announcing new messages",
    )
    def get(self, request, portal):
        enabled = person_notifications_enabled(request.user.person)
        return Response(
            MessagingSettingsSerializer({"email_notifications": enabled}).data
        )

    @extend_schema(
        operation_id="messages_settings_update",
        request=MessagingSettingsSerializer,
        responses={200: MessagingSettingsSerializer, **ERRORS(400, 401, 403, 404)},
        summary="Switch the e-mails announcing new messages on or off, for every "
        "account of the person",
    )
    def put(self, request, portal):
        data = self.read_input(MessagingSettingsSerializer)
        settings = person_notifications_set(
            person=request.user.person, enabled=data["email_notifications"]
        )
        return Response(MessagingSettingsSerializer(settings).data)


class AnnouncementListApi(PortalApiView):
    @extend_schema(
        operation_id="announcements_list",
        responses={200: AnnouncementSerializer(many=True), **ERRORS(401, 403, 404)},
    )
    def get(self, request, portal):
        announcements = announcement_list_for_account(account=request.user)
        return Response(AnnouncementSerializer(announcements, many=True).data)
