"""Signing in, invitations, forgotten passwords and signing out in the web portals,
on a phone, in French."""

import re

import pytest
from playwright.sync_api import expect

from access.models import Client, Intervenant, User
from access.services import INVITATION, portal_account_generate

from .conftest import CLIENT, DEMO_PASSWORD, WORKER, assert_no_violations, shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
NEW = "Un-nouveau-secret-2026"


def link_from(message, path):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"(http\S+/{path}\?token=\S+)", body).group(1)


def test_a_family_signs_in_and_out_on_a_phone(demo, phone, portal_url):
    phone.goto(portal_url("demo-clients", "documents"))
    # Signed out: the sign-in page, which brings the person back where they were.
    expect(phone.get_by_role("heading", name="Connexion")).to_be_visible()
    expect(phone.get_by_text("Agence Démo").first).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-sign-in")
    phone.get_by_label("Identifiant").fill(CLIENT)
    phone.get_by_label("Mot de passe", exact=True).fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="Se connecter").click()
    expect(phone.get_by_role("heading", name="Mes documents")).to_be_visible()
    # No credential is kept where scripts can read it.
    stored = phone.evaluate("JSON.stringify({...localStorage, ...sessionStorage})")
    assert "token" not in stored.lower()
    assert "sessionid" not in phone.evaluate("document.cookie")
    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("button", name="Se déconnecter").click()
    expect(phone.get_by_role("heading", name="Connexion")).to_be_visible()
    phone.goto(portal_url("demo-clients", ""))
    expect(phone.get_by_role("heading", name="Connexion")).to_be_visible()


def test_wrong_credentials_then_a_lock_out_say_what_to_do(demo, phone, portal_url):
    for attempt in range(5):
        sign_in(phone, portal_url("demo-clients", "connexion"), CLIENT, "pas-le-bon")
        if attempt == 0:
            expect(
                phone.get_by_text("Identifiant ou mot de passe incorrect.")
            ).to_be_visible()
            assert_no_violations(phone)
    sign_in(phone, portal_url("demo-clients", "connexion"), CLIENT)
    expect(
        phone.get_by_text("Trop de tentatives de connexion. Réessayez dans 15 minutes.")
    ).to_be_visible()
    shot(phone, "client-locked-out")


def test_an_account_of_the_other_portal_is_refused(demo, phone, portal_url):
    sign_in(phone, portal_url("demo-clients", "connexion"), WORKER)
    expect(phone.get_by_text("Identifiant ou mot de passe incorrect.")).to_be_visible()


def demo_client_without_account():
    return Client.objects.get(email="client3@demo.example")


def new_demo_care_worker():
    """The demo's care workers all have an account: one more, newly hired."""
    ines = Intervenant.objects.get(email=WORKER)
    return Intervenant.objects.create(
        agency=ines.agency,
        first_name="Karim",
        last_name="Benali",
        email="karim.benali@demo.example",
    )


@pytest.mark.parametrize(
    "key, kind, person_of, first_name",
    [
        ("demo-clients", "client", demo_client_without_account, "Jeanne"),
        ("demo-intervenants", "intervenant", new_demo_care_worker, "Karim"),
    ],
    ids=["client", "intervenant"],
)
def test_an_invitation_e_mailed_opens_the_page_to_choose_a_password(
    demo, phone, smtp, key, kind, person_of, first_name
):
    person = person_of()
    portal_account_generate(
        person=person, identifier=person.email, mode=INVITATION, send_email=True
    )
    (message,) = smtp.inbox.messages
    link = link_from(message, "invitation")
    assert f"/p/{key}/invitation?token=" in link
    phone.goto(link)
    expect(
        phone.get_by_role("heading", name="Choisir mon mot de passe")
    ).to_be_visible()
    expect(phone.get_by_text("Votre mot de passe doit")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, f"{kind}-invitation")
    phone.get_by_label("Nouveau mot de passe", exact=True).fill(NEW)
    phone.get_by_label("Confirmez le nouveau mot de passe").fill(NEW)
    phone.get_by_role("button", name="Enregistrer et me connecter").click()
    expect(phone.get_by_text(f"Bonjour {first_name}")).to_be_visible()
    assert User.objects.get(username=person.email).check_password(NEW)
    # The link served once.
    phone.goto(link)
    phone.get_by_label("Nouveau mot de passe", exact=True).fill(NEW + "x")
    phone.get_by_label("Confirmez le nouveau mot de passe").fill(NEW + "x")
    phone.get_by_role("button", name="Enregistrer et me connecter").click()
    # Longer than the default 5 s: once (two suites sharing the 2 cores) the answer
    # had not come by then.
    expect(phone.get_by_text("n'est plus valable")).to_be_visible(timeout=15_000)


def test_a_forgotten_password_is_reset_from_the_e_mailed_link(
    demo, phone, portal_url, smtp
):
    phone.goto(portal_url("demo-intervenants", "connexion"))
    phone.get_by_role("link", name="Mot de passe oublié ?").click()
    expect(phone.get_by_role("heading", name="Mot de passe oublié")).to_be_visible()
    assert_no_violations(phone)
    phone.get_by_label("Identifiant").fill(WORKER)
    phone.get_by_role("button", name="Recevoir le lien").click()
    expect(phone.get_by_text("Si un compte correspond")).to_be_visible()
    shot(phone, "intervenant-forgotten-password")
    (message,) = smtp.inbox.messages
    assert message["To"] == WORKER
    phone.goto(link_from(message, "reinitialisation"))
    expect(phone.get_by_role("heading", name="Nouveau mot de passe")).to_be_visible()
    assert_no_violations(phone)
    phone.get_by_label("Nouveau mot de passe", exact=True).fill(NEW)
    phone.get_by_label("Confirmez le nouveau mot de passe").fill(NEW)
    phone.get_by_role("button", name="Enregistrer et me connecter").click()
    expect(phone.get_by_text("Bonjour Inès")).to_be_visible()
    assert User.objects.get(username=WORKER).check_password(NEW)


def test_a_care_worker_changes_their_password(demo, phone, portal_url):
    sign_in(phone, portal_url("demo-intervenants", "mot-de-passe"), WORKER)
    expect(phone.get_by_role("heading", name="Changer de mot de passe")).to_be_visible()
    assert_no_violations(phone)
    phone.get_by_label("Mot de passe actuel").fill(DEMO_PASSWORD)
    phone.get_by_label("Nouveau mot de passe", exact=True).fill(NEW)
    phone.get_by_label("Confirmez le nouveau mot de passe").fill(NEW)
    phone.get_by_role("button", name="Changer le mot de passe").click()
    expect(phone.get_by_text("Votre mot de passe a été changé.")).to_be_visible()
    assert User.objects.get(username=WORKER).check_password(NEW)
