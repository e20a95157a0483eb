from django.urls import path, register_converter

from . import views


class PersonKind:
    """`client` or `intervenant`: any other kind in an admin URL is a 404."""

    regex = "client|intervenant"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PersonKind, "kind")

app_name = "access_admin"
urlpatterns = [
    path(
        "<kind:kind>/<int:pk>/generer/", views.GenerateView.as_view(), name="generate"
    ),
    path(
        "comptes/<int:pk>/regenerer/", views.RegenerateView.as_view(), name="regenerate"
    ),
    path("comptes/<int:pk>/supprimer/", views.DeleteView.as_view(), name="delete"),
    path("<kind:kind>/creation/", views.BatchView.as_view(), name="batch_new"),
    path("lots/<int:pk>/", views.BatchDetailView.as_view(), name="batch"),
    path("lots/<int:pk>/resultats.csv", views.batch_csv, name="batch_csv"),
]
