from django.urls import path

from . import views

app_name = "access_admin"
urlpatterns = [
    path("<str:kind>/<int:pk>/generer/", views.GenerateView.as_view(), name="generate"),
    path(
        "comptes/<int:pk>/regenerer/", views.RegenerateView.as_view(), name="regenerate"
    ),
    path("comptes/<int:pk>/supprimer/", views.DeleteView.as_view(), name="delete"),
    path("<str:kind>/creation/", views.BatchView.as_view(), name="batch_new"),
    path("lots/<int:pk>/", views.BatchDetailView.as_view(), name="batch"),
    path("lots/<int:pk>/resultats.csv", views.batch_csv, name="batch_csv"),
]
