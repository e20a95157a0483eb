from django.urls import path

from . import views

app_name = "two_factor"
urlpatterns = [
    path("", views.DevicesView.as_view(), name="devices"),
    path("code/", views.VerifyView.as_view(), name="verify"),
    path("configurer/", views.SetupView.as_view(), name="setup"),
    path(
        "codes-de-secours/",
        views.RecoveryCodesView.as_view(),
        name="recovery_codes",
    ),
    path(
        "codes-de-secours/regenerer/",
        views.RegenerateRecoveryCodesView.as_view(),
        name="regenerate_recovery_codes",
    ),
]
