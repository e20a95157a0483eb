"""The web portals' entry points: the app's HTML, its service worker and manifest.

The app itself is static (built into `web/dist`, served under `/static/web/`); what is
per portal is only which portal the page belongs to, which the HTML carries in two meta
tags so that no inline script is needed (the page's CSP forbids them).
"""

from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

from access.models import Portal
from access.selectors import portal_by_hostname
from home_pages.selectors import portal_by_key

# The app talks only to its own origin (and to the document store, see
# _content_security_policy); images may come from the agency's HTTPS links (home page
# content); pdf.js renders into blobs.
POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'{storage}",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
]


def _content_security_policy() -> str:
    """With documents on S3, a download answers with a presigned address of the
    bucket, which pdf.js then fetches: that origin, and no other, is allowed."""
    storage = storages["private"]
    origin = ""
    if hasattr(storage, "bucket_name"):
        address = urlsplit(storage.url("csp-probe"))
        origin = f" {address.scheme}://{address.netloc}"
    return "; ".join(POLICY).format(storage=origin)


def _dist() -> Path:
    return Path(settings.PORTAL_WEB_ROOT)


@lru_cache(maxsize=4)
def _index(path: Path, mtime: float) -> str:
    # Keyed by the file's mtime: a rebuild is served without a restart.
    return path.read_text(encoding="utf-8")


def _index_html() -> str | None:
    path = _dist() / "index.html"
    try:
        return _index(path, path.stat().st_mtime)
    except FileNotFoundError:
        return None


def _app_response(request, portal: Portal, base: str) -> HttpResponse:
    html = _index_html()
    if html is None:
        return render(request, "portal_web/not_built.html", status=503)
    metas = (
        f'<meta name="portail-portal" content="{escape(portal.key)}">'
        f'<meta name="portail-base" content="{escape(base)}">'
    )
    response = HttpResponse(html.replace("</head>", metas + "</head>", 1))
    response["Content-Security-Policy"] = _content_security_policy()
    # The HTML names the current build's hashed files: always revalidated.
    response["Cache-Control"] = "no-cache"
    return response


def _portal_by_key(key: str) -> Portal:
    portal = portal_by_key(key=key)
    if portal is None:
        raise Http404
    return portal


def _portal_by_host(request) -> Portal | None:
    host = request.get_host().split(":")[0].lower()
    return portal_by_hostname(hostname=host)


@require_safe
@ensure_csrf_cookie
def app_by_key(request, key, path=""):
    return _app_response(request, _portal_by_key(key), f"/p/{key}/")


@require_safe
@ensure_csrf_cookie
def app_by_host(request, path=""):
    """`/` of a portal's own host name; elsewhere, `/` leads staff to the admin."""
    portal = _portal_by_host(request)
    if portal is None:
        if path:
            raise Http404
        return redirect("wagtailadmin_home")
    return _app_response(request, portal, "/")


def _dist_file(name: str, content_type: str) -> FileResponse:
    path = _dist() / name
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "no-cache"
    return response


def _require_portal(request, key):
    if key is not None:
        _portal_by_key(key)
    elif _portal_by_host(request) is None:
        raise Http404


@require_safe
def service_worker(request, key=None):
    # Served from the portal's address so that its scope is that address.
    _require_portal(request, key)
    return _dist_file("sw.js", "text/javascript")


@require_safe
def manifest(request, key=None):
    _require_portal(request, key)
    return _dist_file("manifest.webmanifest", "application/manifest+json")
