from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import urls as wagtaildocs_urls

from access.admin_paths import listing_paths
from access.admin_tags import tag_autocomplete
from api_base.exception_handlers import api_not_found
from cms.health import LiveView, ReadyView
from cms.metrics import metrics
from portal_web import urls as portal_web_urls


def superuser_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    # Probes (cms/health.py) and Prometheus metrics (cms/metrics.py).
    path("healthz", LiveView.as_view(), name="healthz"),
    path("readyz", ReadyView.as_view(), name="readyz"),
    path("metrics", metrics, name="prometheus-metrics"),
    # Wagtail's site history shows every model's log entries to anyone with model
    # permissions: across agencies, that is a leak. Superusers only.
    *listing_paths("admin/reports/site-history/", LogEntriesView, wrap=superuser_only),
    # The page-types report names the last edited page of every agency, and the page
    # chooser's "chosen multiple" step looks pages up by id unscoped; no screen of
    # agency staff uses either. Superusers only.
    *listing_paths(
        "admin/reports/page-types-usage/",
        PageTypesUsageReportView,
        wrap=superuser_only,
    ),
    path(
        "admin/choose-page/chosen-multiple/",
        superuser_only(ChosenMultipleView.as_view()),
    ),
    # Tag suggestions name only the staff member's agencies' tags (access.admin_tags).
    path("admin/tag-autocomplete/", require_admin_access(tag_autocomplete)),
    path(
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        require_admin_access(tag_autocomplete),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/agency/", include("agency_api.urls")),
    path("api/v1/", include("portal_api.urls")),
    re_path(r"^api/", api_not_found),
    *portal_web_urls.by_key,
    # Last: `/` of a portal's own host name is its web portal; elsewhere the admin.
    *portal_web_urls.by_host,
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images (logos, home pages) are public; documents never are: they only leave
    # through the API's checked download.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images"
    )

handler400 = "cms.views.bad_request"
handler500 = "cms.views.server_error"
