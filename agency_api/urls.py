from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .bulk import ClientBulkApi, IntervenantBulkApi, InterventionBulkApi
from .events import EventListApi
from .interventions import InterventionApi, InterventionListApi
from .people import person_views
from .schema import SCHEMA_SETTINGS

app_name = "agency_api"

ClientListApi, ClientApi = person_views("clients")
IntervenantListApi, IntervenantApi = person_views("intervenants")

# The routes an API key reaches; tests/agency_api/test_key_table.py has a row for
# each (name, method).
agency_patterns = [
    path("clients", ClientListApi.as_view(), name="clients"),
    # Before the items: `bulk` is no reference.
    path("clients/bulk", ClientBulkApi.as_view(), name="clients-bulk"),
    path("clients/<str:ref>", ClientApi.as_view(), name="client"),
    path("intervenants", IntervenantListApi.as_view(), name="intervenants"),
    path("intervenants/bulk", IntervenantBulkApi.as_view(), name="intervenants-bulk"),
    path("intervenants/<str:ref>", IntervenantApi.as_view(), name="intervenant"),
    path("interventions", InterventionListApi.as_view(), name="interventions"),
    path(
        "interventions/bulk", InterventionBulkApi.as_view(), name="interventions-bulk"
    ),
    path("interventions/<str:ref>", InterventionApi.as_view(), name="intervention"),
    path("events", EventListApi.as_view(), name="events"),
]

urlpatterns = [
    *agency_patterns,
    # Public like the portal API's schema: it describes, it gives nothing away.
    path(
        "schema/",
        SpectacularAPIView.as_view(
            authentication_classes=[], custom_settings=SCHEMA_SETTINGS
        ),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(
            url_name="agency_api:schema", authentication_classes=[]
        ),
        name="docs",
    ),
]
