from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .accounts import account_views
from .billing import record_views
from .bulk import (
    AbsenceBulkApi,
    AvailabilityBulkApi,
    ClientBulkApi,
    IntervenantBulkApi,
    InterventionBulkApi,
)
from .documents import DocumentApi, DocumentListApi
from .events import EventListApi
from .interventions import InterventionApi, InterventionListApi
from .people import person_views
from .presence import AbsenceApi, AbsenceListApi, AvailabilityApi, AvailabilityListApi
from .schema import SCHEMA_SETTINGS
from .webhooks import WebhookEndpointApi, WebhookEndpointListApi

app_name = "agency_api"

ClientListApi, ClientApi = person_views("clients")
IntervenantListApi, IntervenantApi = person_views("intervenants")
ClientAccountApi, ClientAccountRegenerateApi, ClientAccountsBulkApi = account_views(
    "clients"
)
(
    IntervenantAccountApi,
    IntervenantAccountRegenerateApi,
    IntervenantAccountsBulkApi,
) = account_views("intervenants")
QuoteListApi, QuoteApi = record_views("quotes")
ContractListApi, ContractApi = record_views("contracts")
InvoiceListApi, InvoiceApi = record_views("invoices")

# The routes an API key reaches; tests/agency_api/test_key_table.py has a row for
# each (name, method).
agency_patterns = [
    path("clients", ClientListApi.as_view(), name="clients"),
    # Before the items: `bulk` is no reference.
    path("clients/bulk", ClientBulkApi.as_view(), name="clients-bulk"),
    path(
        "clients/accounts/bulk",
        ClientAccountsBulkApi.as_view(),
        name="clients-accounts-bulk",
    ),
    path("clients/<str:ref>", ClientApi.as_view(), name="client"),
    path(
        "clients/<str:ref>/account", ClientAccountApi.as_view(), name="client-account"
    ),
    path(
        "clients/<str:ref>/account/regenerate",
        ClientAccountRegenerateApi.as_view(),
        name="client-account-regenerate",
    ),
    path("intervenants", IntervenantListApi.as_view(), name="intervenants"),
    path("intervenants/bulk", IntervenantBulkApi.as_view(), name="intervenants-bulk"),
    path(
        "intervenants/accounts/bulk",
        IntervenantAccountsBulkApi.as_view(),
        name="intervenants-accounts-bulk",
    ),
    path("intervenants/<str:ref>", IntervenantApi.as_view(), name="intervenant"),
    path(
        "intervenants/<str:ref>/account",
        IntervenantAccountApi.as_view(),
        name="intervenant-account",
    ),
    path(
        "intervenants/<str:ref>/account/regenerate",
        IntervenantAccountRegenerateApi.as_view(),
        name="intervenant-account-regenerate",
    ),
    path("interventions", InterventionListApi.as_view(), name="interventions"),
    path(
        "interventions/bulk", InterventionBulkApi.as_view(), name="interventions-bulk"
    ),
    path("interventions/<str:ref>", InterventionApi.as_view(), name="intervention"),
    path("availabilities", AvailabilityListApi.as_view(), name="availabilities"),
    path(
        "availabilities/bulk",
        AvailabilityBulkApi.as_view(),
        name="availabilities-bulk",
    ),
    path("availabilities/<str:ref>", AvailabilityApi.as_view(), name="availability"),
    path("absences", AbsenceListApi.as_view(), name="absences"),
    path("absences/bulk", AbsenceBulkApi.as_view(), name="absences-bulk"),
    path("absences/<str:ref>", AbsenceApi.as_view(), name="absence"),
    path("documents", DocumentListApi.as_view(), name="documents"),
    path("documents/<str:ref>", DocumentApi.as_view(), name="document"),
    path("quotes", QuoteListApi.as_view(), name="quotes"),
    path("quotes/<str:ref>", QuoteApi.as_view(), name="quote"),
    path("contracts", ContractListApi.as_view(), name="contracts"),
    path("contracts/<str:ref>", ContractApi.as_view(), name="contract"),
    path("invoices", InvoiceListApi.as_view(), name="invoices"),
    path("invoices/<str:ref>", InvoiceApi.as_view(), name="invoice"),
    path("events", EventListApi.as_view(), name="events"),
    path(
        "webhook-endpoints", WebhookEndpointListApi.as_view(), name="webhook-endpoints"
    ),
    path(
        "webhook-endpoints/<int:pk>",
        WebhookEndpointApi.as_view(),
        name="webhook-endpoint",
    ),
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
