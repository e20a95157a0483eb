from django.urls import path

from . import admin_views

app_name = "billing_admin"
urlpatterns = [
    path(
        "signatures/<int:pk>/verifier/",
        admin_views.signature_verify,
        name="signature_verify",
    ),
    path(
        "signatures/<int:pk>/sceller/",
        admin_views.signature_seal_again,
        name="signature_seal",
    ),
]
