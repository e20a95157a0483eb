from django.urls import path

from . import admin_views

app_name = "integration_admin"
urlpatterns = [
    path("", admin_views.IntegrationsView.as_view(), name="keys"),
    path("cles/<str:prefix>/revoquer/", admin_views.revoke_key, name="revoke"),
]
