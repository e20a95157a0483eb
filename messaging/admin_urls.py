from django.urls import path

import access.admin_urls  # noqa: F401  (registers the <kind:...> converter)

from . import views

app_name = "messaging_admin"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("preferences/", views.staff_settings, name="settings"),
    path("<int:pk>/", views.ConversationView.as_view(), name="conversation"),
    path("<int:pk>/attribution/", views.assign, name="assign"),
    path("<int:pk>/fermer/", views.close, name="close"),
    path("<int:pk>/rouvrir/", views.reopen, name="reopen"),
    path("pieces-jointes/<int:pk>/", views.attachment_download, name="attachment"),
    path(
        "<kind:kind>/<int:pk>/nouveau/",
        views.NewConversationView.as_view(),
        name="new",
    ),
    path(
        "<kind:kind>/<int:pk>/notifications/<int:enabled>/",
        views.person_notifications,
        name="person_notifications",
    ),
]
