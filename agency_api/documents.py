"""Documents by the agency's references, sent as multipart (the file and its
fields)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser

from api_base.pagination import CURSOR_PARAMETERS
from api_base.schema import ERRORS
from integration.documents import (
    document_delete_by_ref,
    document_upsert,
    documents_for_agency,
)
from media.models import Category

from .base import AgencyApiView, ItemByRefApi, page_of, updated_since
from .schema import UPDATED_SINCE, result_and_page

MULTIPART = [MultiPartParser, FormParser]


class DocumentInput(serializers.Serializer):
    # Empty files are the upload rules' to refuse, in their words.
    file = serializers.FileField(
        required=False,
        allow_empty_file=True,
        help_text="Required to create; left out of an update, the file stays. The "
        "same content again writes nothing.",
    )
    title = serializers.CharField(max_length=255)
    client = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The owner's ref."
    )
    intervenant = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The owner's ref."
    )
    for_clients = serializers.BooleanField(
        default=False, help_text="Collective: every client of the agency sees it."
    )
    for_intervenants = serializers.BooleanField(
        default=False, help_text="Collective: every intervenant sees it."
    )
    category = serializers.ChoiceField(choices=Category.choices, default="resource")
    year = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1900, max_value=2999
    )
    period = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=30
    )
    publish = serializers.BooleanField(default=True, source="is_published")

    def validate(self, data):
        # The admin's rules for who sees a document, said before anything is stored.
        owners = [name for name in ("client", "intervenant") if data[name]]
        audiences = data["for_clients"] or data["for_intervenants"]
        if len(owners) > 1:
            raise serializers.ValidationError(
                {"intervenant": _("Un document a au plus une personne.")}
            )
        if owners and audiences:
            raise serializers.ValidationError(
                {
                    "for_clients": _(
                        "Le document d'une personne n'est pas aussi collectif."
                    )
                }
            )
        if not owners and data["is_published"] and not audiences:
            raise serializers.ValidationError(
                {
                    "for_clients": _(
                        "Pour publier un document collectif, choisissez le portail "
                        "clients, le portail intervenants ou les deux."
                    )
                }
            )
        return data


class AgencyDocument(serializers.Serializer):
    id = serializers.IntegerField()
    external_ref = serializers.CharField(
        source="external.external_ref", allow_null=True
    )
    title = serializers.CharField()
    client = serializers.CharField(source="client.external_ref", allow_null=True)
    intervenant = serializers.CharField(
        source="intervenant.external_ref", allow_null=True
    )
    for_clients = serializers.BooleanField()
    for_intervenants = serializers.BooleanField()
    category = serializers.ChoiceField(choices=Category.choices)
    year = serializers.IntegerField(allow_null=True)
    period = serializers.CharField()
    is_published = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    content_type = serializers.CharField()
    file_size = serializers.IntegerField(allow_null=True)
    file_hash = serializers.CharField(help_text="SHA-1 of the file's content.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


AgencyDocumentResult, AgencyDocumentPage = result_and_page(AgencyDocument)


PAGE_PARAMETERS = [UPDATED_SINCE, *CURSOR_PARAMETERS]


class DocumentListApi(AgencyApiView):
    resource = "documents"

    @extend_schema(
        operation_id="documents_list",
        parameters=PAGE_PARAMETERS,
        responses={200: AgencyDocumentPage, **ERRORS(400, 401, 403)},
        description="The agency's documents by last change; `external_ref` is null "
        "for those made in the admin or by billing.",
    )
    def get(self, request):
        documents = updated_since(request, documents_for_agency(agency=self.agency))
        return page_of(self, documents, AgencyDocument)


@extend_schema_view(
    get=extend_schema(responses={200: AgencyDocument, **ERRORS(401, 403, 404)}),
    put=extend_schema(
        request={"multipart/form-data": DocumentInput},
        responses={
            200: AgencyDocumentResult,
            201: AgencyDocumentResult,
            **ERRORS(400, 401, 403, 423),
        },
        description="Creates or updates the document with this reference: owned by "
        "a client or an intervenant (their ref), or collective (`for_clients`, "
        "`for_intervenants`). The upload rules apply (size, type sniffed from the "
        "content, images checked). The same fields and the same file content "
        "answer `unchanged` and write nothing. A signed, paid or sealed document "
        "keeps its file, person and publication: 423 `locked`.",
    ),
    delete=extend_schema(
        responses={204: None, **ERRORS(401, 403, 404, 423)},
        description="Deletes the document and its file; a signed, paid or sealed "
        "one is 423 `locked`.",
    ),
)
class DocumentApi(ItemByRefApi):
    resource = "documents"
    parser_classes = MULTIPART
    input_class, output_class = DocumentInput, AgencyDocument

    def item(self, ref):
        items = documents_for_agency(agency=self.agency)
        return items.filter(external__external_ref=ref).first()

    def upsert(self, ref, values):
        values = dict(values)
        upload = values.pop("file", None)
        return document_upsert(
            agency=self.agency, external_ref=ref, values=values, upload=upload
        )

    def remove(self, ref):
        return document_delete_by_ref(agency=self.agency, external_ref=ref)
