import json
import re
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from access.models import Agency

from .factories import PASSWORD, TermsFactory
from .factories.access import (
    AgencyFactory,
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
    StaffFactory,
)

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Browser tests run last, on a transactional database emptied around each: the
    rows every other test shares are gone after the first."""
    browser = [item for item in items if BROWSER_TESTS in Path(item.path).parents]
    for item in browser:
        item.add_marker(pytest.mark.django_db(transaction=True))
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in browser] + browser


@pytest.fixture(autouse=True)
def _fresh_caches(settings):
    # The tests share one process: keep axes lock-outs and caches from leaking.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    # Local-memory caches of one name share their data: empty it (the per-address
    # sign-in failures, among others, live there).
    from django.core.cache import cache

    cache.clear()


def wagtail_roots() -> None:
    """The default locale, the root page and the root collection, which Wagtail needs
    and the migrations made: gone once a transactional test has emptied the database."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Two agencies built once per run (each test rolls back its own changes):
    setting up an agency's pages and permissions is the slowest part of a test."""
    with django_db_blocker.unblock():
        AgencyFactory(slug="alpha")
        AgencyFactory(slug="beta")


def session_agency(slug: str) -> Agency:
    """One of the two agencies django_db_setup built, or built again: a transactional
    test leaves the database emptied for those after it (their order is the run's)."""
    found = Agency.objects.filter(slug=slug).first()
    if found is None:
        wagtail_roots()
        found = AgencyFactory(slug=slug)
    return found


@pytest.fixture
def agency(db):
    return session_agency("alpha")


@pytest.fixture
def other_agency(db):
    return session_agency("beta")


def on_clock(agency, zone):
    """The agency on the clock of `zone`, saved."""
    agency.time_zone = zone
    agency.save(update_fields=["time_zone"])
    return agency


@pytest.fixture
def reunion(agency):
    """`agency` on La Réunion's clock (UTC+4, no daylight saving): a time shown on
    the server's Paris clock instead of the agency's shows at once."""
    return on_clock(agency, "Indian/Reunion")


@pytest.fixture
def martinique(agency):
    """`agency` on Martinique's clock (UTC-4), five hours behind Paris in winter."""
    return on_clock(agency, "America/Martinique")


@pytest.fixture
def client_person(agency):
    return ClientFactory(agency=agency, email="camille@example.org")


@pytest.fixture
def client_account(client_person):
    return PortalAccountFactory(person=client_person)


@pytest.fixture
def intervenant_account(agency):
    return PortalAccountFactory(person=IntervenantFactory(agency=agency))


@pytest.fixture
def roles(agency, other_agency, client_account, intervenant_account):
    """One account per role of the endpoint table (DESIGN.md section 5), all of
    them calling the client portal of `agency`."""
    return {
        "owner": client_account,
        "same_agency_other_person": PortalAccountFactory(
            person=ClientFactory(agency=agency)
        ),
        "other_agency": PortalAccountFactory(person=ClientFactory(agency=other_agency)),
        "other_portal": intervenant_account,
        "anonymous": None,
    }


def portal_url(portal_key: str, path: str) -> str:
    return f"/api/v1/portals/{portal_key}/{path}"


def portal_login(client, identifier, password=PASSWORD, key="alpha-clients", **extra):
    """The portal's sign-in, posted as the web front end posts it (JSON), with
    Django's test client or DRF's alike."""
    return client.post(
        portal_url(key, "auth/login"),
        json.dumps({"identifier": identifier, "password": password}),
        content_type="application/json",
        **extra,
    )


def signed_in(account) -> APIClient:
    """An API client holding a token for the account, obtained the real way."""
    client = APIClient()
    if account is None:
        return client
    response = portal_login(client, account.username, key=account.portal.key)
    assert response.status_code == 200, response.content
    client.cookies.clear()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def sign_in(client, user):
    """Sign a staff member in through the admin's login form, as staff do."""
    from django.urls import reverse

    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "could not sign in"
    return client


@pytest.fixture
def staff(client, agency):
    """A staff member of `agency` signed in to the admin: the test client, ready."""
    return sign_in(client, StaffFactory(agency=agency))


@pytest.fixture(scope="session")
def seal_files(tmp_path_factory):
    """A self-signed seal and its root, made once per run."""
    from billing.seal_keys import seal_create

    folder = tmp_path_factory.mktemp("seal")
    seal_create(
        pkcs12_path=folder / "seal.p12",
        root_path=folder / "root.pem",
        name="Agence test",
        password="secret-de-test",
    )
    return folder


@pytest.fixture
def seal(settings, seal_files):
    settings.PORTAL_SEAL_PKCS12 = str(seal_files / "seal.p12")
    settings.PORTAL_SEAL_ROOT = str(seal_files / "root.pem")
    settings.PORTAL_SEAL_PASSWORD = "secret-de-test"
    return seal_files


@pytest.fixture
def terms(agency):
    """The agency's general terms, version 2026-11."""
    return TermsFactory(agency=agency)


def admin_heading(page: str) -> str:
    """The page's visible title: the last item of Wagtail's breadcrumbs (its h1 is
    for screen readers only)."""
    trail = page.split('aria-label="Fil d\'Ariane"', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", trail, re.S)
    return re.sub(r"<[^>]+>", "", items[-1]).strip()
