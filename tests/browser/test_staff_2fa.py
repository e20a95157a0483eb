"""A staff member sets up the second factor at their first sign-in, then signs in with
a code from the app, and once with a recovery code."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_2FA = "required"


def app_code(key: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key displayed on the page."""
    totp = TOTP(b32decode(key.replace(" ", "")), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def settled(page):
    """Once Wagtail's messages have faded in: axe reads colours mid-animation."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')"
    )
    return page


def sign_in(page, admin_url, staff):
    page.goto(admin_url("/admin/login/"))
    page.get_by_label("Identifiant").fill(staff.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()


def sign_out(page, staff):
    """From Wagtail's account menu, at the foot of the sidebar."""
    page.get_by_role("button", name=staff.username).click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(r"/admin/login/"))


def test_staff_set_up_the_app_then_sign_in_with_a_code_or_a_recovery_code(
    page, staff, admin_url
):
    page.set_default_timeout(10_000)
    sign_in(page, admin_url, staff)
    page.wait_for_url(re.compile(r"/admin/double-authentification/configurer/"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Configurer la double authentification"
    )
    assert page.get_by_role(
        "img", name="Code QR à scanner avec votre application d’authentification"
    ).is_visible()
    assert_accessible(page)
    key = page.locator("#two-factor-key").inner_text()
    page.get_by_label("Code à 6 chiffres affiché par l'application").fill("000000")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_text("Code incorrect.")).to_be_visible()
    page.get_by_label("Code à 6 chiffres affiché par l'application").fill(app_code(key))
    page.get_by_role("button", name="Confirmer").click()

    page.wait_for_url(re.compile(r"/codes-de-secours/"))
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    page.wait_for_url(admin_url("/admin/"))
    assert page.get_by_role("button", name="Clients").is_visible()

    sign_out(page, staff)
    sign_in(page, admin_url, staff)
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))
    assert_accessible(page)
    field = page.get_by_label("Code de l'application ou code de secours")
    field.fill("123")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Code incorrect.")).to_be_visible()
    assert_accessible(settled(page))
    # The code of the enrolment is used: the app's next one.
    field.fill(app_code(key, steps_ahead=1))
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(admin_url("/admin/"))

    sign_out(page, staff)
    sign_in(page, admin_url, staff)
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))
    page.get_by_label("Code de l'application ou code de secours").fill(codes[0])
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(admin_url("/admin/"))
    assert page.get_by_role("button", name="Clients").is_visible()
