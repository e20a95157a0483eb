"""Availabilities and absences by the agency's references; people by theirs."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from integration.presence import presence_delete, presence_for_agency, presence_upsert

from .base import AgencyApiView, ItemByRefApi, optional_ref, page_of, updated_since
from .schema import item_schemas, list_schema, result_and_page


class AvailabilityInput(serializers.Serializer):
    intervenant = serializers.CharField(help_text="The intervenant's reference.")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class AbsenceInput(serializers.Serializer):
    client = optional_ref(
        "The client's reference; exactly one of client and intervenant."
    )
    intervenant = optional_ref(
        "The intervenant's reference; exactly one of client and intervenant."
    )
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, data):
        # The model's rule, said here so that its message comes under
        # `non_field_errors` like every other body error (full_clean would add the
        # database constraint's own wording to it).
        if bool(data["client"]) == bool(data["intervenant"]):
            raise serializers.ValidationError(
                _("Une absence concerne un client ou un intervenant.")
            )
        return data


class AgencyAvailability(serializers.Serializer):
    id = serializers.IntegerField()
    external_ref = serializers.CharField(
        source="external.external_ref", allow_null=True
    )
    intervenant = serializers.CharField(source="intervenant.external_ref")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class AgencyAbsence(serializers.Serializer):
    id = serializers.IntegerField()
    external_ref = serializers.CharField(
        source="external.external_ref", allow_null=True
    )
    client = serializers.CharField(source="client.external_ref", allow_null=True)
    intervenant = serializers.CharField(
        source="intervenant.external_ref", allow_null=True
    )
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    reason = serializers.CharField()
    updated_at = serializers.DateTimeField()


AgencyAvailabilityResult, AgencyAvailabilityPage = result_and_page(AgencyAvailability)
AgencyAbsenceResult, AgencyAbsencePage = result_and_page(AgencyAbsence)


class PresenceListApi(AgencyApiView):
    output_class = None

    def get(self, request):
        items = presence_for_agency(agency=self.agency, kind=self.resource)
        return page_of(self, updated_since(request, items), self.output_class)


class PresenceApi(ItemByRefApi):
    def item(self, ref):
        items = presence_for_agency(agency=self.agency, kind=self.resource)
        return items.filter(external__external_ref=ref).first()

    def upsert(self, ref, values):
        return presence_upsert(
            agency=self.agency, kind=self.resource, external_ref=ref, values=values
        )

    def remove(self, ref):
        return presence_delete(agency=self.agency, kind=self.resource, external_ref=ref)


@extend_schema_view(
    get=list_schema(AgencyAvailabilityPage, operation_id="availabilities_list")
)
class AvailabilityListApi(PresenceListApi):
    resource = "availabilities"
    output_class = AgencyAvailability


@extend_schema_view(get=list_schema(AgencyAbsencePage, operation_id="absences_list"))
class AbsenceListApi(PresenceListApi):
    resource = "absences"
    output_class = AgencyAbsence


@extend_schema_view(
    **item_schemas(
        AgencyAvailability,
        AgencyAvailabilityResult,
        AvailabilityInput,
        "Creates or updates the availability with this reference; the same body "
        "twice answers `unchanged` the second time and writes nothing.",
    )
)
class AvailabilityApi(PresenceApi):
    resource = "availabilities"
    input_class = AvailabilityInput
    output_class = AgencyAvailability


@extend_schema_view(
    **item_schemas(
        AgencyAbsence,
        AgencyAbsenceResult,
        AbsenceInput,
        "Creates or updates the absence with this reference, of a client or of an "
        "intervenant (exactly one); the same body twice answers `unchanged` the "
        "second time and writes nothing. An intervenant's absence over one of "
        "their visits is a 409 `overlap`.",
        put_errors=[409],
    )
)
class AbsenceApi(PresenceApi):
    resource = "absences"
    input_class = AbsenceInput
    output_class = AgencyAbsence
