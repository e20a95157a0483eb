"""Portal accounts as staff make them: one person from the record, in batch from
the list, with the e-mails really sent."""

import re

from playwright.sync_api import expect

from access.models import AccountBatch, User
from tests.browser.conftest import assert_accessible
from tests.factories import ClientFactory, PortalAccountFactory


def record_url(person):
    return f"/admin/snippets/access/{person.portal_kind}/edit/{person.pk}/"


def test_generate_one_account_from_the_record(
    admin_page, admin_url, browser_agency, smtp
):
    jeanne = ClientFactory(
        agency=browser_agency,
        first_name="Jeanne",
        last_name="Roux",
        email="jeanne@x.org",
    )
    page = admin_page
    page.goto(admin_url(record_url(jeanne)))
    expect(page.get_by_text("Pas d'accès au portail")).to_be_visible()
    page.get_by_role("link", name="Générer", exact=True).click()
    # Staff see whose account they are creating.
    expect(
        page.locator("ol").get_by_text("Générer un accès au portail : Jeanne Roux")
    ).to_be_visible()
    expect(page.get_by_label("Identifiant")).to_have_value("jeanne@x.org")
    page.get_by_label("Transmettre par email").check()
    assert_accessible(page)
    page.get_by_role("button", name="Générer").click()
    expect(page.get_by_role("heading", name="Accès créé")).to_be_visible()
    expect(page.get_by_text("Envoyé par e-mail à jeanne@x.org.")).to_be_visible()

    account = User.objects.get(client=jeanne)
    assert account.username == "jeanne@x.org"
    (message,) = smtp.inbox.messages
    assert message["To"] == "jeanne@x.org"
    assert message["From"] == "Agence Démo <contact@demo.example>"
    assert message["Subject"] == "Votre accès au portail d'Agence Démo"
    body = message.get_body(("plain",)).get_content()
    assert "L'équipe d'Agence Démo" in body

    page.get_by_role("link", name="Retour à la fiche").click()
    status = page.locator(".portail-status--active")
    expect(status).to_have_text("Portail actif")
    # Green, not the neutral grey of "no account".
    assert (
        status.evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(220, 243, 230)"
    )
    icon = status.locator("svg")
    assert icon.bounding_box()["height"] < 24  # not drawn at full size
    expect(page.get_by_role("link", name="Générer un autre accès")).to_be_visible()


def test_an_unavailable_identifier_is_refused(admin_page, admin_url, browser_agency):
    PortalAccountFactory(
        person=ClientFactory(agency=browser_agency, email="pris@x.org")
    )
    paul = ClientFactory(agency=browser_agency, email="paul@x.org")
    page = admin_page
    page.goto(admin_url(record_url(paul)))
    page.get_by_role("link", name="Générer", exact=True).click()
    page.get_by_label("Identifiant").fill("PRIS@x.org")
    page.get_by_role("button", name="Générer").click()
    expect(page.get_by_text("Identifiant indisponible")).to_be_visible()
    assert not User.objects.filter(client=paul).exists()


def test_a_batch_of_ten_with_one_person_without_email(
    admin_page, admin_url, browser_agency, smtp
):
    people = ClientFactory.create_batch(10, agency=browser_agency)
    girard = ClientFactory(
        agency=browser_agency, last_name="Girard", first_name="Marcel", email=""
    )
    page = admin_page
    page.get_by_role("button", name="Clients").click()
    page.get_by_role("link", name="Création de portails").click()
    expect(page.get_by_text("11 personnes sans accès au portail")).to_be_visible()
    # The person without e-mail is flagged, with a small icon, and cannot be ticked.
    row = page.get_by_role("row", name=re.compile("Girard Marcel"))
    expect(row.get_by_text("ne peut pas être sélectionnée")).to_be_visible()
    assert row.locator("svg").bounding_box()["height"] < 24
    expect(row.get_by_role("checkbox")).to_have_count(0)
    # The sender is preselected, as on the single form.
    expect(page.get_by_label("Adresse d'expédition")).to_have_value(
        str(browser_agency.sender_addresses.get().pk)
    )
    assert_accessible(page)
    page.get_by_label("Tout sélectionner").check()
    page.get_by_label("Lien d'invitation").check()
    page.get_by_role("button", name="Générer les portails").click()

    expect(page.get_by_text("10 sur 10 personnes traitées")).to_be_visible()
    expect(page.locator("tr[data-result=created]")).to_have_count(10)
    assert_accessible(page)
    batch = AccountBatch.objects.get()
    assert (batch.status, batch.processed) == ("done", 10)
    assert User.objects.filter(client__in=people).count() == 10
    assert sorted(m["To"] for m in smtp.inbox.messages) == sorted(
        p.email for p in people
    )
    # Him, not whoever else Faker named Girard among the ten.
    assert not User.objects.filter(client=girard).exists()
