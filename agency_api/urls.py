from django.urls import path

from api_base.urls import schema_routes

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


def resource_routes(many, one, list_view, item_view, bulk_view=None, key="<str:ref>"):
    """A resource's list, its bulk upsert (before the items: `bulk` is no
    reference) and its items, named `many`, `many-bulk` and `one`."""
    routes = [path(many, list_view.as_view(), name=many)]
    if bulk_view:
        routes.append(path(f"{many}/bulk", bulk_view.as_view(), name=f"{many}-bulk"))
    routes.append(path(f"{many}/{key}", item_view.as_view(), name=one))
    return routes


def people_routes(many, one, bulk_view):
    """A kind of person: the resource routes, and its portal accounts (one, made
    again, or a batch of them)."""
    list_view, item_view = person_views(many)
    account, regenerate, accounts_bulk = account_views(many)
    return [
        path(
            f"{many}/accounts/bulk",
            accounts_bulk.as_view(),
            name=f"{many}-accounts-bulk",
        ),
        *resource_routes(many, one, list_view, item_view, bulk_view),
        path(f"{many}/<str:ref>/account", account.as_view(), name=f"{one}-account"),
        path(
            f"{many}/<str:ref>/account/regenerate",
            regenerate.as_view(),
            name=f"{one}-account-regenerate",
        ),
    ]


# The routes an API key reaches; tests/agency_api/test_key_table.py has a row for
# each (name, method).
agency_patterns = [
    *people_routes("clients", "client", ClientBulkApi),
    *people_routes("intervenants", "intervenant", IntervenantBulkApi),
    *resource_routes(
        "interventions",
        "intervention",
        InterventionListApi,
        InterventionApi,
        InterventionBulkApi,
    ),
    *resource_routes(
        "availabilities",
        "availability",
        AvailabilityListApi,
        AvailabilityApi,
        AvailabilityBulkApi,
    ),
    *resource_routes("absences", "absence", AbsenceListApi, AbsenceApi, AbsenceBulkApi),
    *resource_routes("documents", "document", DocumentListApi, DocumentApi),
    *resource_routes("quotes", "quote", *record_views("quotes")),
    *resource_routes("contracts", "contract", *record_views("contracts")),
    *resource_routes("invoices", "invoice", *record_views("invoices")),
    path("events", EventListApi.as_view(), name="events"),
    *resource_routes(
        "webhook-endpoints",
        "webhook-endpoint",
        WebhookEndpointListApi,
        WebhookEndpointApi,
        key="<int:pk>",
    ),
]

urlpatterns = [
    *agency_patterns,
    *schema_routes("agency_api", **SCHEMA_SETTINGS),
]
