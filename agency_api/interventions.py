"""Interventions by the agency's references; client and intervenant by theirs."""

from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from integration.planning import (
    intervention_delete,
    intervention_upsert,
    interventions_for_agency,
)
from planning.models import Intervention

from .base import AgencyApiView, ItemByRefApi, optional_ref, page_of, updated_since
from .schema import item_schemas, list_schema, result_and_page


class InterventionInput(serializers.Serializer):
    client = serializers.CharField(help_text="The client's reference.")
    intervenant = optional_ref("The intervenant's reference; null: not yet staffed.")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    status = serializers.ChoiceField(
        choices=Intervention.Status.choices, default=Intervention.Status.PLANNED
    )
    service = serializers.CharField(required=False, allow_blank=True, default="")


class AgencyIntervention(serializers.Serializer):
    id = serializers.IntegerField()
    external_ref = serializers.CharField(
        source="external.external_ref", allow_null=True
    )
    client = serializers.CharField(source="client.external_ref")
    intervenant = serializers.CharField(
        source="intervenant.external_ref", allow_null=True
    )
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=Intervention.Status.choices)
    service = serializers.CharField()
    updated_at = serializers.DateTimeField()


AgencyInterventionResult, AgencyInterventionPage = result_and_page(AgencyIntervention)


class InterventionListApi(AgencyApiView):
    resource = "interventions"

    @list_schema(AgencyInterventionPage, operation_id="interventions_list")
    def get(self, request):
        items = updated_since(request, interventions_for_agency(agency=self.agency))
        return page_of(self, items, AgencyIntervention)


@extend_schema_view(
    **item_schemas(
        AgencyIntervention,
        AgencyInterventionResult,
        InterventionInput,
        "Creates or updates the intervention with this reference; the same body "
        "twice answers `unchanged` the second time and writes nothing. An "
        "intervenant already busy then is a 409 `overlap`.",
        put_errors=[409],
    )
)
class InterventionApi(ItemByRefApi):
    resource = "interventions"
    input_class, output_class = InterventionInput, AgencyIntervention

    def item(self, ref):
        items = interventions_for_agency(agency=self.agency)
        return items.filter(external__external_ref=ref).first()

    def upsert(self, ref, values):
        return intervention_upsert(agency=self.agency, external_ref=ref, values=values)

    def remove(self, ref):
        return intervention_delete(agency=self.agency, external_ref=ref)
