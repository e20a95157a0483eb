"""Clients and intervenants by the agency's references."""

from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from integration.people import people_for_agency, person_delete, person_upsert

from .base import AgencyApiView, ItemByRefApi, page_of, updated_since
from .schema import item_schemas, list_schema, result_and_page


class PersonInput(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")
    postal_code = serializers.CharField(required=False, allow_blank=True, default="")
    city = serializers.CharField(required=False, allow_blank=True, default="")


class AgencyPerson(serializers.Serializer):
    id = serializers.IntegerField()
    external_ref = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    updated_at = serializers.DateTimeField()


AgencyPersonResult, AgencyPersonPage = result_and_page(AgencyPerson)


class PersonListApi(AgencyApiView):
    def get(self, request):
        people = people_for_agency(agency=self.agency, resource=self.resource)
        return page_of(self, updated_since(request, people), AgencyPerson)


@extend_schema_view(
    **item_schemas(
        AgencyPerson,
        AgencyPersonResult,
        PersonInput,
        "Creates or updates the person with this reference; the same body twice "
        "answers `unchanged` the second time and writes nothing.",
        description="Deletes the person, as the admin does: their planning goes too.",
    )
)
class PersonApi(ItemByRefApi):
    input_class, output_class = PersonInput, AgencyPerson

    def item(self, ref):
        people = people_for_agency(agency=self.agency, resource=self.resource)
        return people.filter(external_ref=ref).first()

    def upsert(self, ref, values):
        return person_upsert(
            agency=self.agency, resource=self.resource, external_ref=ref, values=values
        )

    def remove(self, ref):
        return person_delete(
            agency=self.agency, resource=self.resource, external_ref=ref
        )


def person_views(resource):
    """The list and item views of one kind of person, with their schema names."""
    name = resource.capitalize()
    list_view = extend_schema_view(
        get=list_schema(AgencyPersonPage, operation_id=f"{resource}_list")
    )(type(f"{name}ListApi", (PersonListApi,), {"resource": resource}))
    item_view = type(f"{name}Api", (PersonApi,), {"resource": resource})
    return list_view, item_view
