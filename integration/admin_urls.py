from django.urls import path

from . import admin_imports, admin_views, admin_webhooks

app_name = "integration_admin"
urlpatterns = [
    path("", admin_views.IntegrationsView.as_view(), name="keys"),
    path("cles/<str:prefix>/revoquer/", admin_views.revoke_key, name="revoke"),
    path("webhooks/", admin_webhooks.WebhooksView.as_view(), name="webhooks"),
    path(
        "webhooks/<int:pk>/supprimer/",
        admin_webhooks.delete_webhook,
        name="webhook_delete",
    ),
    path(
        "webhooks/<int:pk>/reactiver/",
        admin_webhooks.enable_webhook,
        name="webhook_enable",
    ),
    path(
        "webhooks/envois/",
        admin_webhooks.DeliveryLogView.as_view(),
        name="webhook_deliveries",
    ),
    path(
        "webhooks/envois/<int:pk>/renvoyer/",
        admin_webhooks.resend_delivery,
        name="webhook_resend",
    ),
    path("importer/<str:kind>/", admin_imports.ImportView.as_view(), name="import"),
    path(
        "importer/<str:kind>/appliquer/",
        admin_imports.ImportApplyView.as_view(),
        name="import_apply",
    ),
]
