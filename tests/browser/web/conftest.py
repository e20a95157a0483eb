"""The web portals in the browser: the built front end (`make web`) served by the
live server, the demo data, a phone-sized window, a real SMTP sink."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

DEMO_PASSWORD = "portail-demo-2026"
# The demo's first family and first care worker (seed_demo).
CLIENT = "client1@demo.example"
WORKER = "intervenant1@demo.example"
PHONE = {"width": 360, "height": 740}
SHOTS = Path(settings.BASE_DIR) / "test-results" / "web"


@pytest.fixture(scope="session")
def web_built():
    index = Path(settings.PORTAL_WEB_ROOT) / "index.html"
    if not index.is_file():
        pytest.fail("The web front end is not built: run `make web` (make test does).")
    return index


@pytest.fixture
def demo(live_server, seal, web_built, settings):
    """The demo agencies, people, documents, planning and billing, as `make run`
    loads them; e-mailed links point at the live server."""
    settings.PORTAL_ADDRESS_TEMPLATE = f"{live_server.url}/p/{{key}}/"
    call_command("seed_demo", stdout=StringIO())
    return live_server


@pytest.fixture
def phone(browser, browser_context_args):
    context = browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "has_touch": True}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def portal_url(live_server):
    def url(key: str, path: str = "") -> str:
        return f"{live_server.url}/p/{key}/{path}"

    return url


def shot(page, name: str) -> None:
    """Each page as a test artifact, for a human to look through."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def assert_no_violations(page) -> None:
    """axe-core finds nothing at all (WCAG 2.1 AA and best practices), not only the
    serious issues."""
    from axe_playwright_python.sync_playwright import Axe

    # Colours are measured as they are drawn: a message still fading in (the admin's
    # « success » banner) would read as low contrast. Finite animations finish first.
    # Two frames first, so that a transition a script has just started is listed.
    page.wait_for_load_state("load")
    page.evaluate(
        """async () => {
            const frame = () => new Promise((r) => requestAnimationFrame(r));
            await frame();
            await frame();
            await Promise.all(document.getAnimations()
                .filter((a) => a.effect?.getTiming().iterations !== Infinity)
                .map((a) => a.finished.catch(() => null)));
        }"""
    )
    results = Axe().run(page)
    assert not results.response["violations"], results.generate_report()


def sign_in(page, url: str, identifier: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(url)
    page.get_by_label("Identifiant").fill(identifier)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()
