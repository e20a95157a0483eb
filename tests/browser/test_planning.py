"""The planning admin in Chromium, as a staff member of Agence Démo (not a superuser)
uses it: visits typed and read on the agency's clock, coupons validated and refused
on their screen, the overlap rule in the agency's time."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from planning.models import Intervention
from tests.browser.conftest import MARTINIQUE, assert_accessible
from tests.factories import (
    ClientFactory,
    CouponFactory,
    IntervenantFactory,
    InterventionFactory,
)

ZONE = MARTINIQUE


@pytest.fixture
def people(agency):
    return (
        ClientFactory(agency=agency, first_name="Jeanne", last_name="Roux"),
        IntervenantFactory(agency=agency, first_name="Inès", last_name="Durand"),
    )


def local(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=ZoneInfo(ZONE))


def visit(client, worker, start, **fields):
    return InterventionFactory(client=client, intervenant=worker, start=start, **fields)


def declared(client, worker, start, longer=30, **fields):
    item = visit(client, worker, start)
    return CouponFactory(
        intervention=item,
        end=item.end + timedelta(minutes=longer),
        kilometres="12.5",
        comment="Courses faites",
        **fields,
    )


def choose(page, button, name):
    page.get_by_role("button", name=button).click()
    page.locator(".modal").get_by_role("link", name=name).click()
    expect(page.locator(".modal")).to_be_hidden()


def fill_times(page, start, end):
    for name, value in (("start", start), ("end", end)):
        field = page.locator(f"input[name={name}]")
        field.fill(value)
        field.press("Escape")


def new_intervention(page, admin_url, *, client, worker, start, end):
    page.goto(admin_url("/admin/snippets/planning/intervention/"))
    page.get_by_role("link", name="Ajouter une intervention").click()
    expect(page.get_by_role("heading", name="Nouvelle intervention")).to_be_visible()
    choose(page, "Choisir client", client)
    choose(page, "Choisir intervenant", worker)
    fill_times(page, start, end)
    page.get_by_label("Prestation").fill("Aide au lever")
    page.get_by_role("button", name="Enregistrer").click()


def test_staff_create_a_visit_and_read_it_back_in_agency_time(
    admin_page, admin_url, agency, people
):
    new_intervention(
        admin_page,
        admin_url,
        client="Jeanne Roux",
        worker="Inès Durand",
        start="04/12/2026 08:00",
        end="04/12/2026 10:00",
    )
    expect(
        admin_page.get_by_text("L'intervention du 04/12/2026 08:00 a été créée.")
    ).to_be_visible()
    row = admin_page.locator("tr", has_text="Jeanne Roux — 04/12/2026 08:00")
    expect(row).to_contain_text("Inès Durand")
    expect(row).to_contain_text("04/12/2026 10:00")
    expect(row).to_contain_text("Prévue")

    item = Intervention.objects.get()
    assert (item.client, item.intervenant) == people
    # 08:00 in Martinique is 12:00 UTC.
    assert item.start == datetime(2026, 12, 4, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert item.end - item.start == timedelta(hours=2)


def test_an_overlap_is_refused_in_agency_time(admin_page, admin_url, agency, people):
    client, worker = people
    visit(client, worker, local(4, 8))
    ClientFactory(agency=agency, first_name="Paul", last_name="Fournier")
    new_intervention(
        admin_page,
        admin_url,
        client="Paul Fournier",
        worker="Inès Durand",
        start="04/12/2026 09:00",
        end="04/12/2026 11:00",
    )
    expect(
        admin_page.get_by_text(
            "Chevauchement avec l'intervention du 04/12/2026 de 08:00 à 10:00."
        )
    ).to_be_visible()
    expect(
        admin_page.get_by_text(
            "L'intervention n'a pas pu être créée : corrigez les erreurs."
        )
    ).to_be_visible()
    assert Intervention.objects.count() == 1


def test_staff_validate_one_coupon_and_refuse_another(
    admin_page, admin_url, agency, people
):
    client, worker = people
    first = declared(client, worker, local(2, 8))
    second = declared(client, worker, local(3, 8), longer=90)
    page = admin_page

    page.goto(admin_url("/admin/snippets/planning/coupon/"))
    page.get_by_role("link", name="Inès Durand — 02/12/2026 08:00").click()
    expect(
        page.get_by_role("heading", name="Coupon d'Inès Durand du 02/12/2026 08:00")
    ).to_be_visible()
    end_row = page.locator("tr", has=page.get_by_role("rowheader", name="Fin"))
    expect(end_row).to_contain_text("02/12/2026 10:00")  # planned
    expect(end_row).to_contain_text("02/12/2026 10:30")  # declared
    expect(end_row).to_contain_text("+30 min")
    expect(page.get_by_text("12,5 km")).to_be_visible()
    expect(page.get_by_text("Courses faites")).to_be_visible()
    expect(page.locator("input[name=start], input[name=end]")).to_have_count(0)
    page.get_by_role("button", name="Valider", exact=True).click()
    expect(
        page.get_by_text(
            "Le coupon d'Inès Durand du 02/12/2026 08:00 a été validé : "
            "l'intervention est réalisée."
        )
    ).to_be_visible()

    page.get_by_role("link", name="Inès Durand — 03/12/2026 08:00").click()
    page.get_by_role("button", name="Refuser", exact=True).click()
    expect(page.get_by_text("Indiquez le motif du refus.").first).to_be_visible()
    page.get_by_label("Motif du refus").fill("Horaires à revoir avec la famille")
    page.get_by_role("button", name="Refuser", exact=True).click()
    expect(
        page.get_by_text("Le coupon d'Inès Durand du 03/12/2026 08:00 a été refusé.")
    ).to_be_visible()
    expect(page.locator("tr", has_text="03/12/2026 08:00")).to_contain_text("Refusé")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "validated" and first.decided_by.username == "marie"
    assert first.intervention.status == "done"
    assert first.intervention.end == local(2, 10, 30)  # the declared end
    assert (second.status, second.reason) == (
        "rejected",
        "Horaires à revoir avec la famille",
    )
    assert second.intervention.status == "planned"
    assert second.intervention.end == local(3, 10)
    assert second.end == local(3, 11, 30)  # declared values stay as declared

    # Once decided, the coupon's screen shows the decision and no more buttons.
    page.get_by_role("link", name="Inès Durand — 02/12/2026 08:00").click()
    expect(page.get_by_text(re.compile(r"Validé le .* par marie\."))).to_be_visible()
    expect(page.get_by_role("button", name="Valider")).to_have_count(0)


def test_valider_from_the_list_works(admin_page, admin_url, agency, people):
    """The list's Valider posted a form nested in the list's form: 403 CSRF."""
    coupon = declared(*people, local(2, 8))
    admin_page.goto(admin_url("/admin/snippets/planning/coupon/"))
    admin_page.get_by_role(
        "button", name="Valider le coupon d'Inès Durand du 02/12/2026 08:00"
    ).click()
    expect(admin_page.get_by_text("a été validé")).to_be_visible()
    expect(admin_page.locator("tr", has_text="02/12/2026 08:00")).to_contain_text(
        "Validé"
    )
    coupon.refresh_from_db()
    assert coupon.status == "validated"


def test_the_coupon_screen_is_accessible(admin_page, admin_url, agency, people):
    coupon = declared(*people, local(2, 8))
    admin_page.goto(admin_url(f"/admin/planning/coupons/{coupon.pk}/"))
    expect(admin_page.get_by_label("Motif du refus")).to_be_visible()
    assert_accessible(admin_page)
