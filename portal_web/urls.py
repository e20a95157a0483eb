from django.urls import path, re_path
from django.views.generic import RedirectView

from . import views

# Under a portal's address every path is the app's (deep links, history fallback),
# except the two files the browser must fetch from that address itself.
by_key = [
    path("p/<slug:key>/sw.js", views.service_worker),
    path("p/<slug:key>/manifest.webmanifest", views.manifest),
    path("p/<slug:key>/", views.app_by_key, name="portal-web"),
    re_path(r"^p/(?P<key>[-\w]+)/(?P<path>.*)$", views.app_by_key),
    path("p/<slug:key>", RedirectView.as_view(url="/p/%(key)s/")),
]

# Last in the project's URLs: a portal with its own host name answers at `/`.
by_host = [
    path("sw.js", views.service_worker),
    path("manifest.webmanifest", views.manifest),
    re_path(r"^(?!static/|documents/|admin/|api/)(?P<path>.*)$", views.app_by_host),
]
