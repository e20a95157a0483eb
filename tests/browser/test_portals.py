"""Staff configure their client portal from the *Portails* menu, and the portal
API serves what they published."""

from playwright.sync_api import expect
from rest_framework.test import APIClient

from home_pages.models import PortalPage
from tests.browser.conftest import assert_accessible


def test_configure_the_client_portal(admin_page, browser_agency):
    page = admin_page
    page.get_by_role("button", name="Portails").click()
    page.get_by_role("link", name="Portail clients").click()
    expect(page.get_by_role("tab", name="Promotion")).to_have_count(0)

    page.get_by_role("textbox", name="Message d'accueil").fill(
        "Bonjour et bienvenue chez Agence Démo !"
    )
    page.get_by_role("tab", name="Menu", exact=True).click()
    page.get_by_label("Mon planning").check()
    page.get_by_label("Payer mes factures").uncheck()
    page.get_by_role("tab", name="Planning", exact=True).click()
    absences = page.locator("[data-contentpath=planning_absences]")
    absences.get_by_label("Consultation").check()
    absences.get_by_label("Création").check()
    assert_accessible(page)
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("a été publiée", exact=False)).to_be_visible()

    live = PortalPage.objects.get(portal__agency=browser_agency, portal__kind="client")
    live = live.get_latest_revision_as_object()
    assert live.home_message == "Bonjour et bienvenue chez Agence Démo !"
    assert "planning" in live.menu_sections and "payment" not in live.menu_sections
    assert live.planning_absences == ["view", "create"]

    api = APIClient()
    home = api.get("/api/v1/portals/demo-clients/home")
    assert home.status_code == 200
    assert "Bonjour et bienvenue" in str(home.json())
