"""What every page of both portals owes everyone (issue 13, quality bars): the shared
pages (sign-in, home, menu, password change, sign-out) used by keyboard alone on each
portal; the home in each of its modes under the agency's logo; the pages on a desktop
without an accessibility violation, and text enlarged to 200 % on a phone and on a
desktop without any content cut off or pushed sideways."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import expect

from .conftest import (
    CLIENT,
    DEMO_PASSWORD,
    WORKER,
    assert_no_violations,
    shot,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

PORTALS = [
    pytest.param("demo-clients", CLIENT, "Camille", "client", id="client"),
    pytest.param("demo-intervenants", WORKER, "Inès", "intervenant", id="intervenant"),
]
DESKTOP = {"width": 1280, "height": 800}


def tab_to(page, target, limit: int = 60) -> None:
    """Tab (and only Tab) until `target` has the focus: what a keyboard user does."""
    element = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("element => document.activeElement === element", element):
            return
    raise AssertionError(f"{target} is not reached with the Tab key")


@pytest.mark.parametrize("key, identifier, first_name, kind", PORTALS)
def test_the_shared_pages_by_keyboard_alone(
    demo, phone, portal_url, key, identifier, first_name, kind
):
    # An address of the portal that is no page says so.
    phone.goto(portal_url(key, "nulle-part"))
    expect(phone.get_by_role("heading", name="Page introuvable")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, f"{kind}-not-found")

    phone.goto(portal_url(key))
    expect(phone.get_by_role("heading", name="Connexion")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, f"{kind}-sign-in-page")
    tab_to(phone, phone.get_by_label("Identifiant"))
    phone.keyboard.type(identifier)
    tab_to(phone, phone.get_by_label("Mot de passe", exact=True))
    phone.keyboard.type(DEMO_PASSWORD)
    phone.keyboard.press("Enter")

    expect(phone.get_by_text(f"Bonjour {first_name}")).to_be_visible()
    expect(phone.get_by_role("link", name="Agence Démo")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, f"{kind}-home")

    menu = phone.get_by_role("navigation", name="Menu principal")
    tab_to(phone, menu.get_by_role("button", name="Menu"))
    phone.keyboard.press("Enter")
    expect(menu.get_by_role("link", name="Mon planning")).to_be_visible()
    # The agency's extra links open apart, without a hold on this page.
    extra = menu.get_by_role("list", name="Liens utiles").get_by_role("link")
    expect(extra).to_have_count(1)
    expect(extra).to_have_attribute("rel", "noopener")
    expect(extra).to_have_attribute("target", "_blank")
    assert_no_violations(phone)
    shot(phone, f"{kind}-menu")

    tab_to(phone, menu.get_by_role("link", name="Changer de mot de passe"))
    phone.keyboard.press("Enter")
    expect(
        phone.get_by_role("heading", name="Changer de mot de passe", level=1)
    ).to_be_visible()
    assert_no_violations(phone)
    shot(phone, f"{kind}-change-password")

    tab_to(phone, menu.get_by_role("button", name="Menu"))
    phone.keyboard.press("Enter")
    tab_to(phone, menu.get_by_role("button", name="Se déconnecter"))
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", name="Connexion")).to_be_visible()


def _logo():
    """A small PNG as the agency's logo, in Wagtail's images."""
    from django.core.files.images import ImageFile
    from PIL import Image as Picture
    from wagtail.images.models import Image

    data = BytesIO()
    Picture.new("RGB", (120, 60), (0, 90, 160)).save(data, "PNG")
    return Image.objects.create(
        title="Logo Agence Démo", file=ImageFile(data, name="logo-demo.png")
    )


def test_the_home_in_each_mode_under_the_agency_logo(demo, phone, portal_url):
    from wagtail.rich_text import RichText

    from home_pages.models import PortalPage
    from home_pages.services import portal_page_configure

    page = PortalPage.objects.get(portal__key="demo-intervenants")
    links = [(link.name, link.url) for link in page.extra_links.all()]
    portal_page_configure(
        page=page,
        links=links,
        logo=_logo(),
        home_mode="url",
        home_url="https://www.agence-demo.example/intervenants",
        title="Espace des intervenants",
    )
    phone.goto(portal_url("demo-intervenants", "connexion"))
    phone.get_by_label("Identifiant").fill(WORKER)
    phone.get_by_label("Mot de passe", exact=True).fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="Se connecter").click()

    # The agency's site, one prominent link away, opened apart.
    site = phone.get_by_role("link", name=re.compile("^Ouvrir Espace des intervenants"))
    expect(site).to_have_attribute(
        "href", "https://www.agence-demo.example/intervenants"
    )
    expect(site).to_have_attribute("rel", "noopener")
    expect(site).to_have_class(re.compile("button-primary"))
    logo = phone.locator("header img.brand-logo")
    expect(logo).to_be_visible()
    assert phone.evaluate("image => image.naturalWidth > 0", logo.element_handle())
    assert_no_violations(phone)
    shot(phone, "intervenant-home-url")

    # The page written in the admin's editor, as the API gives it.
    portal_page_configure(
        page=page,
        links=links,
        home_mode="html",
        home_body=[
            ("heading", "Bienvenue chez Agence Démo"),
            ("paragraph", RichText("<p>Votre planning est <b>à jour</b>.</p>")),
        ],
    )
    phone.reload()
    expect(
        phone.get_by_role("heading", name="Bienvenue chez Agence Démo")
    ).to_be_visible()
    expect(phone.locator(".home-html b")).to_have_text("à jour")
    assert_no_violations(phone)
    shot(phone, "intervenant-home-html")


# Each portal's pages, with the heading that shows each is there.
ZOOMED = [
    (
        "demo-clients",
        CLIENT,
        [
            ("", "Portail clients"),
            ("documents", "Mes documents"),
            ("devis", "Mes devis"),
            ("factures", "Mes factures"),
            ("planning", "Mon planning"),
            ("messages", "Messages"),
            ("profil", "Mes informations"),
            ("mot-de-passe", "Changer de mot de passe"),
        ],
    ),
    (
        "demo-intervenants",
        WORKER,
        [
            ("", "Portail intervenants"),
            ("planning", "Mon planning"),
            ("planning?vue=mois", "Mon planning"),
            ("coupons", "Mes coupons"),
            ("administratif", "Mon administratif"),
            ("profil", "Mes informations"),
        ],
    ),
]

# Elements drawn past the window's right edge (content lost, or read only by
# scrolling sideways), the screen-reader-only texts aside.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest(".visually-hidden, .skip-link")) continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.right > width + 1) {
            out.push(`${element.tagName.toLowerCase()}.${element.className}: ` +
                `${Math.round(box.right)} > ${width}`);
        }
    }
    return {
        scroll: document.documentElement.scrollWidth - width,
        out: out.slice(0, 10),
    };
}"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_text_at_200_percent_loses_nothing(demo, browser, portal_url, viewport):
    from .conftest import PHONE

    for key, identifier, paths in ZOOMED:
        # One window a portal: a session belongs to one portal's account.
        context = browser.new_context(
            viewport=PHONE if viewport == "phone" else DESKTOP, locale="fr-FR"
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            sign_in(page, portal_url(key, "connexion"), identifier)
            expect(page.get_by_text("Bonjour")).to_be_visible()
            for path, heading in paths:
                page.goto(portal_url(key, path))
                expect(
                    page.get_by_role("heading", name=heading, level=1)
                ).to_be_visible()
                page.wait_for_load_state("networkidle")
                if viewport == "desktop":
                    # The other tests check each page on a phone; here the desktop's
                    # layout (the menu always shown) at its normal size.
                    assert_no_violations(page)
                # Text zoom: every rem and em of the styles doubles, the window does
                # not.
                page.evaluate("document.documentElement.style.fontSize = '200%'")
                found = page.evaluate(OVERFLOWING)
                assert found["scroll"] <= 0 and not found["out"], (key, path, found)
                name = re.sub(r"\W+", "-", path) or "accueil"
                shot(page, f"zoom-200-{viewport}-{key}-{name}")
        finally:
            context.close()
