"""Browser tests: Playwright driving Chromium against Django's live server, as staff,
families and care workers use the service.

Each test runs on a transactional database (the live server thread needs to see
committed rows) emptied before it, so every test builds its own agency;
`tests/conftest.py` runs these tests after all the others.
"""

import os
import shutil

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.log_audit import LogAudit
from tests.conftest import on_clock
from tests.factories import PASSWORD, AgencyFactory, StaffFactory
from tests.smtp import SmtpServer

# Playwright's sync API keeps an event loop in the main thread; the test body's ORM
# calls are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEBIAN_CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def _no_secret_in_logs():
    """Every log line of the browser run, as production writes them, holds none of
    the secrets the run handed out (test-results/browser-logs.jsonl keeps them)."""
    with LogAudit() as audit:
        yield
    assert audit.secrets, "the audit caught no secret: its hooks are broken"
    assert not audit.leaks(), f"secrets in the logs: {audit.leaks()}"


@pytest.fixture(autouse=True)
def _fresh_database(transactional_db):
    """Start from an empty database holding only what Wagtail needs to run: the
    default locale, the root page and the root collection. The rows the other tests
    share are gone; content types and permissions are made again by post_migrate."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from tests.conftest import wagtail_roots

    # Sequences keep counting, so no new row takes an id a cached object still has.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    ContentType.objects.clear_cache()
    wagtail_roots()


@pytest.fixture(autouse=True)
def _requests_settled(request):
    """The page's last requests end before the database is emptied after the test:
    one still running on the live server holds locks that PostgreSQL's flush
    (TRUNCATE) then waits for, and the two deadlock (seen once, after a record page
    whose scripts were still fetching)."""
    page = request.getfixturevalue("page") if "page" in request.fixturenames else None
    yield
    if page is not None and not page.is_closed():
        try:
            page.wait_for_load_state("networkidle", timeout=10_000)
        except PlaywrightError:
            pass  # still busy after 10 s: the flush tries as before


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium where it is installed (`make test` installs it as root on
    Debian); Playwright's own browser elsewhere. A missing browser fails the run."""
    path = os.environ.get("PORTAIL_CHROMIUM") or shutil.which("chromium")
    if path is None and os.path.exists(DEBIAN_CHROMIUM):
        path = DEBIAN_CHROMIUM
    if path:
        return {**browser_type_launch_args, "executable_path": path}
    return browser_type_launch_args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "fr-FR",
        "timezone_id": "Europe/Paris",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost that every e-mail of the test goes to."""
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        yield server


@pytest.fixture
def evidence_cleared():
    """Signature events are append-only in the database (a trigger); SQLite's flush
    after the test deletes rows, so the test clears its own events first."""
    from importlib import import_module

    from django.db import connection

    yield
    if connection.vendor != "sqlite":
        return  # PostgreSQL's flush truncates, which row triggers let pass
    migration = import_module("billing.migrations.0007_evidence_head")
    create, drop = migration.TRIGGERS["sqlite"]
    with connection.cursor() as cursor:
        for statement in drop:
            cursor.execute(statement)
        cursor.execute("DELETE FROM billing_signatureevent")
        for statement in create:
            cursor.execute(statement)


@pytest.fixture
def browser_agency(live_server):
    """Agence Démo with both modules and one sender address, as the demo has it."""
    from access.models import SenderAddress

    agency = AgencyFactory(slug="demo", name="Agence Démo")
    SenderAddress.objects.create(
        agency=agency, email="contact@demo.example", display_name=agency.name
    )
    return agency


# Martinique (UTC-4), five hours behind the browser's and the server's Paris: a time
# read on the wrong clock shows at once.
MARTINIQUE = "America/Martinique"


@pytest.fixture
def agency(browser_agency):
    """Agence Démo on Martinique's clock."""
    return on_clock(browser_agency, MARTINIQUE)


@pytest.fixture
def staff(browser_agency):
    """A staff member of Agence Démo only: not a superuser."""
    return StaffFactory(agency=browser_agency, username="marie")


@pytest.fixture
def admin_url(live_server):
    def url(path: str) -> str:
        return live_server.url + path

    return url


@pytest.fixture
def admin_page(page, staff, admin_url):
    """A browser page signed in to the admin as `staff`, through the login form."""
    page.set_default_timeout(10_000)
    page.goto(admin_url("/admin/login/"))
    page.get_by_label("Identifiant").fill(staff.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url(admin_url("/admin/"))
    return page


def assert_accessible(page):
    """No serious or critical axe-core violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = [
        v
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert not violations, results.generate_report()


def open_form_from_tab(page, tab, link, title):
    """On a person's record with `tab` open, follow `link` to the form titled
    `title` (Wagtail shows the last breadcrumb as the page's visible title)."""
    from playwright.sync_api import expect

    expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
    page.get_by_role("link", name=link).click()
    expect(page.get_by_text(title, exact=True)).to_be_visible()
