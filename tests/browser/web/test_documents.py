"""Home, menu, documents and profile in the web portals."""

import pytest
from playwright.sync_api import expect

from .conftest import CLIENT, WORKER, assert_no_violations, shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_family_finds_and_downloads_its_documents(demo, phone, portal_url):
    sign_in(phone, portal_url("demo-clients", "connexion"), CLIENT)
    expect(phone.get_by_role("heading", name="Portail clients")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-home")
    phone.get_by_role("button", name="Menu").click()
    menu = phone.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Demander une prestation")).to_have_attribute(
        "rel", "noopener"
    )
    assert_no_violations(phone)
    shot(phone, "client-menu")
    menu.get_by_role("link", name="Mes documents").click()
    expect(phone.get_by_role("heading", name="Mes documents")).to_be_visible()
    expect(
        phone.get_by_role("heading", name="Attestation fiscale 2025")
    ).to_be_visible()
    expect(
        phone.get_by_role("heading", name="Livret d'accueil — Agence Démo")
    ).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-documents")
    # By year: 2025 keeps the certificates, not this year's resource.
    phone.get_by_label("Année").select_option("2025")
    phone.get_by_role("button", name="Rechercher").click()
    expect(phone.get_by_role("heading", name="Attestation CAF 2025")).to_be_visible()
    expect(
        phone.get_by_role("heading", name="Livret d'accueil — Agence Démo")
    ).to_have_count(0)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Télécharger").first.click()
    assert download.value.suggested_filename.endswith(".pdf")

    # One category: its own page, from the section's links.
    phone.get_by_role("navigation", name="Mes documents").get_by_role(
        "link", name="Mes attestations CAF"
    ).click()
    expect(
        phone.get_by_role("heading", name="Mes attestations CAF", level=1)
    ).to_be_visible()
    expect(phone.get_by_role("heading", name="Attestation CAF 2025")).to_be_visible()
    expect(phone.get_by_role("heading", name="Attestation fiscale 2025")).to_have_count(
        0
    )
    assert_no_violations(phone)
    shot(phone, "client-documents-caf")


def test_a_care_worker_reads_payslips_and_updates_their_phone(demo, phone, portal_url):
    sign_in(phone, portal_url("demo-intervenants", "administratif"), WORKER)
    expect(phone.get_by_role("heading", name="Mon administratif")).to_be_visible()
    expect(
        phone.get_by_role("heading", name="Bulletin de salaire octobre 2026")
    ).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "intervenant-administratif")
    phone.goto(portal_url("demo-intervenants", "profil"))
    expect(phone.get_by_role("heading", name="Mes informations")).to_be_visible()
    assert_no_violations(phone)
    phone.get_by_label("Téléphone").fill("06 98 76 54 32")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_text("Vos informations ont été enregistrées.")).to_be_visible()
    shot(phone, "intervenant-profile")
    from access.models import Intervenant

    assert Intervenant.objects.get(email=WORKER).phone == "06 98 76 54 32"


def test_a_family_profile_is_read_only(demo, phone, portal_url):
    sign_in(phone, portal_url("demo-clients", "profil"), CLIENT)
    expect(phone.get_by_role("heading", name="Mes informations")).to_be_visible()
    expect(phone.get_by_text("Camille")).to_be_visible()
    expect(phone.get_by_role("button", name="Enregistrer")).to_have_count(0)
    assert_no_violations(phone)


def test_the_english_switch_translates_the_app(demo, phone, portal_url):
    phone.goto(portal_url("demo-clients", "connexion"))
    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()
