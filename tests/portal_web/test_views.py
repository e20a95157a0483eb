"""The web portals are served at each portal's address (API.md: Web portals)."""

import pytest

from access.models import Portal
from tests.factories import AgencyFactory

INDEX = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
    '<script type="module" src="/static/web/assets/index-abc123.js"></script>'
    "</head><body><div id=root></div></body></html>"
)


@pytest.fixture
def built(settings, tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (tmp_path / "manifest.webmanifest").write_text('{"name": "Portail"}')
    settings.PORTAL_WEB_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def portal(agency):
    return Portal.objects.get(agency=agency, kind="client")


def test_every_path_under_the_address_is_the_app(client, built, portal):
    for path in ("", "connexion", "documents/quotes", "paiement/4?issue=ok"):
        response = client.get(f"/p/{portal.key}/{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<meta name="portail-portal" content="{portal.key}">' in html
        assert f'<meta name="portail-base" content="/p/{portal.key}/">' in html
        assert html.index("portail-base") < html.index("</head>")


def test_the_app_page_forbids_inline_script_and_sets_the_csrf_cookie(
    client, built, portal
):
    response = client.get(f"/p/{portal.key}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Cache-Control"] == "no-cache"
    assert "csrftoken" in response.cookies


def test_the_address_without_its_slash_is_redirected(client, built, portal):
    response = client.get(f"/p/{portal.key}")
    assert response.status_code == 301 or response.status_code == 302
    assert response["Location"] == f"/p/{portal.key}/"


def test_an_unknown_portal_is_a_french_404(client, built, db):
    response = client.get("/p/nobody/connexion", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_service_worker_and_manifest_come_from_the_portal_address(
    client, built, portal
):
    worker = client.get(f"/p/{portal.key}/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert b"addEventListener" in b"".join(worker.streaming_content)
    manifest = client.get(f"/p/{portal.key}/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    assert client.get("/p/nobody/sw.js").status_code == 404


def test_a_portal_with_its_own_host_name_answers_at_its_root(
    client, built, portal, settings
):
    settings.ALLOWED_HOSTS = ["portail.agence.example", "testserver"]
    Portal.objects.filter(pk=portal.pk).update(hostname="portail.agence.example")
    response = client.get("/planning", HTTP_HOST="portail.agence.example")
    assert response.status_code == 200
    assert '<meta name="portail-base" content="/">' in response.content.decode()
    worker = client.get("/sw.js", HTTP_HOST="portail.agence.example")
    assert worker.status_code == 200
    # Any other host: `/` is the way to the admin, other paths are not found.
    assert client.get("/").status_code == 302
    assert client.get("/planning").status_code == 404
    assert client.get("/sw.js").status_code == 404


def test_writes_are_not_accepted(client, built, portal):
    assert client.post(f"/p/{portal.key}/connexion").status_code == 405


def test_an_unbuilt_front_end_says_so_in_french(client, settings, tmp_path, portal):
    settings.PORTAL_WEB_ROOT = tmp_path / "missing"
    response = client.get(f"/p/{portal.key}/")
    assert response.status_code == 503
    assert "Portail indisponible" in response.content.decode()


def test_links_sent_to_people_open_the_web_portal(portal, settings):
    assert portal.address == f"http://testserver/p/{portal.key}/"


def test_other_agencies_portals_are_served_at_their_own_address(client, built, db):
    other = AgencyFactory()
    key = Portal.objects.get(agency=other, kind="intervenant").key
    html = client.get(f"/p/{key}/").content.decode()
    assert f'content="{key}"' in html


def test_with_documents_on_s3_the_bucket_alone_is_added_to_connect_src(
    client, built, portal, settings
):
    # pdf.js fetches a download's presigned address: the store's origin must be
    # allowed, and nothing else.
    from tests.s3 import S3Server

    server = S3Server()
    settings.STORAGES = server.storages(settings)
    policy = client.get(f"/p/{portal.key}/")["Content-Security-Policy"]
    assert f"connect-src 'self' {server.endpoint};" in policy
    assert "script-src 'self';" in policy


def test_vite_hashed_files_are_cached_for_a_year_and_the_others_revalidated(
    settings, tmp_path, rf
):
    """Production serves the build through WhiteNoise from STATIC_ROOT: Vite's hashed
    names never change, so browsers keep them; anything else is asked again."""
    from django.http import HttpResponse
    from whitenoise.middleware import WhiteNoiseMiddleware

    root = tmp_path / "static"
    (root / "web" / "assets").mkdir(parents=True)
    (root / "web" / "assets" / "index-BlUqv31_.js").write_text("export {};")
    (root / "web" / "manifest.webmanifest").write_text("{}")
    settings.STATIC_ROOT = root
    settings.DEBUG = False
    serve = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))

    hashed = serve(rf.get("/static/web/assets/index-BlUqv31_.js"))
    assert hashed.status_code == 200
    assert "immutable" in hashed["Cache-Control"]
    assert "max-age=315360000" in hashed["Cache-Control"]
    other = serve(rf.get("/static/web/manifest.webmanifest"))
    assert other.status_code == 200
    assert "immutable" not in other["Cache-Control"]
