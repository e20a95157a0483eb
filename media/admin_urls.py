from django.urls import path

import access.admin_urls  # noqa: F401  (registers the <kind:...> converter)

from . import admin_views

app_name = "media_admin"
urlpatterns = [
    path(
        "<kind:kind>/<int:pk>/nouveau/", admin_views.UploadView.as_view(), name="upload"
    ),
    path("<int:pk>/publier/", admin_views.publish, name="publish"),
    path("<int:pk>/depublier/", admin_views.unpublish, name="unpublish"),
    path("<int:pk>/partage/", admin_views.ShareView.as_view(), name="share"),
    path("<int:pk>/suppression/", admin_views.DeleteView.as_view(), name="delete"),
]
