"""The web portals as a family and a care worker open them: Chromium (Debian's, or
Playwright's) against gunicorn on loopback, the demo data, signed in, a phone-sized
window. Prints the median time from navigation to the documents list shown and to
the week planning shown, over BENCH_WEB_LOADS loads each (the browser's cache warm,
as for someone coming back; the service worker off, so every load asks the server)."""

import os
import shutil
import statistics
import sys
import time
from io import StringIO

from bench import serve

LOADS = max(10, int(os.environ.get("BENCH_WEB_LOADS", "10")))
PASSWORD = "portail-demo-2026"
# What "shown" means: the first document's title, the week's list of days (or its
# empty-period message), rendered from the API's answer.
PAGES = [
    (
        "documents",
        "demo-clients",
        "client1@demo.example",
        "documents",
        "h2.document-title",
    ),
    (
        "planning",
        "demo-intervenants",
        "intervenant1@demo.example",
        "planning",
        "ol.pl-days, main p.empty",
    ),
]


def chromium() -> str | None:
    return os.environ.get("PORTAIL_CHROMIUM") or shutil.which("chromium")


def main(connection) -> None:
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    call_command("seed_demo", stdout=StringIO())
    print(
        f"\nWeb portals ({connection.vendor}): demo data, gunicorn "
        f"{serve.WORKERS} workers, Chromium at 360x740, {LOADS} loads per page"
    )
    print(f"{'page':<11}{'first ms':>10}{'median ms':>11}{'p90 ms':>9}")
    with serve.served(connection) as root, sync_playwright() as playwright:
        path = chromium()
        browser = playwright.chromium.launch(
            **({"executable_path": path} if path else {})
        )
        try:
            for name, key, identifier, route, shown in PAGES:
                context = browser.new_context(
                    viewport={"width": 360, "height": 740},
                    locale="fr-FR",
                    service_workers="block",
                )
                page = context.new_page()
                page.goto(f"{root}/p/{key}/connexion")
                page.get_by_label("Identifiant").fill(identifier)
                page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
                page.get_by_role("button", name="Se connecter").click()
                page.wait_for_url(f"{root}/p/{key}/")
                timings = []
                for _load in range(LOADS + 1):
                    start = time.perf_counter()
                    page.goto(f"{root}/p/{key}/{route}")
                    page.locator(shown).first.wait_for(timeout=15_000)
                    timings.append((time.perf_counter() - start) * 1000)
                first, warm = timings[0], timings[1:]
                print(
                    f"{name:<11}{first:>10.0f}{statistics.median(warm):>11.0f}"
                    f"{statistics.quantiles(warm, n=10)[-1]:>9.0f}"
                )
                sys.stdout.flush()
                context.close()
        finally:
            browser.close()
