"""Documents of the signed-in person (API.md: Documents)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
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
from media.models import Category
from media.selectors import (
    document_for_account,
    document_list_for_account,
    visible_categories,
)

from .base import PortalApiView
from .schema import DOWNLOAD_RESPONSES
from .serializers import FastPathSerializer

# The columns a document's JSON is written from: the list reads them as plain
# values, not as model instances (it is the hot path of the API).
FIELDS = (
    "id",
    "title",
    "category",
    "client_id",
    "intervenant_id",
    "published_at",
    "file_size",
    "content_type",
    "year",
    "period",
)


class DocumentSerializer(FastPathSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    scope = serializers.ChoiceField(choices=["individual", "collective"])
    published_at = serializers.DateTimeField()
    size = serializers.IntegerField(allow_null=True)
    content_type = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    period = serializers.CharField()
    download_url = serializers.URLField(
        help_text="This API's address of the file: it checks access, then streams "
        "the file or redirects to a short-lived storage address."
    )

    def to_representation(self, row: dict) -> dict:
        return self.write(row, self.context["prefix"])

    @classmethod
    def write(cls, row: dict, prefix: str) -> dict:
        """A document from its FIELDS; `prefix`: download_prefix(request). A page
        calls it for each row, without DRF's list serializer around it."""
        individual = row["client_id"] or row["intervenant_id"]
        return {
            "id": row["id"],
            "title": row["title"],
            "category": row["category"],
            "scope": "individual" if individual else "collective",
            "published_at": row["published_at"]
            .astimezone(timezone.get_current_timezone())
            .isoformat(),
            "size": row["file_size"],
            "content_type": row["content_type"],
            "year": row["year"],
            "period": row["period"],
            # No storage URL is ever signed in a list.
            "download_url": f"{prefix}/{row['id']}/download",
        }


def download_prefix(request) -> str:
    """The absolute address of the portal's documents, built once per request."""
    return request.build_absolute_uri(
        reverse("portal_api:document-list", args=[request.portal.key])
    )


class DocumentPage(CursorPage):
    results = DocumentSerializer(many=True)


class DocumentFilters(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    year = serializers.IntegerField(min_value=1900, max_value=2999, required=False)
    search = serializers.CharField(max_length=100, required=False)


class NewestFirst(PortalCursorPagination):
    ordering = ("-published_at", "-id")


class DocumentsMixin(PortalApiView):
    def categories(self):
        sections = set(self.page.menu_sections)
        categories = visible_categories(kind=self.portal.kind, sections=sections)
        if not categories:
            raise ApplicationError(
                "section_disabled",
                _("Les documents ne sont pas proposés sur ce portail."),
                status=403,
            )
        return categories

    def documents(self, **filters):
        return document_list_for_account(
            account=self.request.user, categories=self.categories(), **filters
        )

    def document(self, pk):
        document = document_for_account(
            account=self.request.user, pk=pk, categories=self.categories()
        )
        if document is None:
            raise ApplicationError("not_found", _("Document introuvable."), status=404)
        return document


FILTER_PARAMETERS = [
    OpenApiParameter("category", enum=Category.values),
    OpenApiParameter("year", int),
    OpenApiParameter("search", str, description="Words of the title"),
    *CURSOR_PARAMETERS,
]


class DocumentListApi(DocumentsMixin):
    @extend_schema(
        operation_id="documents_list",
        parameters=FILTER_PARAMETERS,
        responses={200: DocumentPage, **ERRORS(400, 401, 403, 404)},
    )
    def get(self, request, portal):
        filters = {}
        if request.query_params:  # a serializer costs more than the first page
            form = DocumentFilters(data=request.query_params)
            form.is_valid(raise_exception=True)
            filters = form.validated_data
        documents = self.documents(**filters)
        paginator = NewestFirst()
        page = cursor_page(paginator, documents.values(*FIELDS), request, self)
        prefix = download_prefix(request)
        return paginator.get_paginated_response(
            [DocumentSerializer.write(row, prefix) for row in page]
        )


class DocumentDetailApi(DocumentsMixin):
    @extend_schema(
        operation_id="documents_retrieve",
        responses={200: DocumentSerializer, **ERRORS(401, 403, 404)},
    )
    def get(self, request, portal, pk):
        document = self.document(pk)
        row = {name: getattr(document, name) for name in FIELDS}
        context = {"prefix": download_prefix(request)}
        return Response(DocumentSerializer(row, context=context).data)


class DocumentDownloadApi(DocumentsMixin):
    @extend_schema(operation_id="documents_download", responses=DOWNLOAD_RESPONSES)
    def get(self, request, portal, pk):
        return document_download(self.document(pk))
