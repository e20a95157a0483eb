"""The planning, coupons and offline use of the web portals, on a phone, with the
demo data: the week shown in the agency's time zone, the portal's action matrix,
If-Match writes (a stale version shown, an overlap refused), the calendar feed,
coupons declared online and offline."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import CLIENT, WORKER, assert_no_violations, shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def worker():
    from access.models import Intervenant

    return Intervenant.objects.select_related("agency").get(email=WORKER)


def zone_of(person) -> ZoneInfo:
    return ZoneInfo(person.agency.time_zone)


def past_visit(person, at: time, service: str):
    """A visit of `person` for an hour from `at` (06:00 at the latest) today on the
    agency's clock, or the day before until 07:00, at the demo's first client with
    an account: begun, and clear of the demo's visits at 08:00 and 11:00."""
    from access.models import Client
    from planning.models import Intervention

    zone = zone_of(person)
    now = timezone.now().astimezone(zone)
    day = now.date() if now.time() >= time(7) else now.date() - timedelta(days=1)
    start = datetime.combine(day, at, zone)
    client = (
        Client.objects.filter(agency=person.agency, accounts__isnull=False)
        .order_by("pk")
        .first()
    )
    return Intervention.objects.create(
        agency=person.agency,
        client=client,
        intervenant=person,
        start=start,
        end=start + timedelta(hours=1),
        service=service,
    )


def local(moment, zone) -> tuple[str, str]:
    """The day and the HH:MM of an instant on the agency's clock."""
    moment = moment.astimezone(zone)
    return moment.date().isoformat(), moment.strftime("%H:%M")


def item(page, kind: str, text: str):
    return page.locator(f"li.pl-{kind}", has_text=text)


# The words of each kind the care worker may add, change and delete.
WRITABLE = {
    "availabilities": {
        "add": "Ajouter une disponibilité",
        "new": "Nouvelle disponibilité",
        "created": "Disponibilité ajoutée.",
        "changed": "Disponibilité modifiée.",
        "deleted": "Disponibilité supprimée.",
    },
    "absences": {
        "add": "Signaler une absence",
        "new": "Nouvelle absence",
        "created": "Absence signalée.",
        "changed": "Absence modifiée.",
        "deleted": "Absence supprimée.",
    },
}


@pytest.mark.parametrize("kind", WRITABLE)
def test_a_care_worker_manages_their_items_in_the_week(demo, phone, portal_url, kind):
    from home_pages.models import PortalPage
    from home_pages.services import portal_page_configure
    from planning.models import Absence, Availability

    model = {"availabilities": Availability, "absences": Absence}[kind]
    words = WRITABLE[kind]
    if kind == "absences":
        # The demo's care workers only add absences: here their agency lets them
        # change and delete them too.
        page = PortalPage.objects.get(portal__key="demo-intervenants")
        portal_page_configure(
            page=page,
            links=[(link.name, link.url) for link in page.extra_links.all()],
            planning_absences=["view", "create", "change", "delete"],
        )
    ines = worker()
    zone = zone_of(ines)
    sign_in(phone, portal_url("demo-intervenants", "planning"), WORKER)
    expect(phone.get_by_role("heading", name="Mon planning", level=1)).to_be_visible()
    expect(
        phone.get_by_role("heading", name=re.compile("^Semaine du "))
    ).to_be_visible()
    expect(phone.get_by_role("button", name="Semaine", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    # Only what the portal's matrix allows: availabilities and absences may be
    # added, visits only read.
    expect(
        phone.get_by_role("button", name="Ajouter une disponibilité")
    ).to_be_visible()
    expect(phone.get_by_role("button", name="Signaler une absence")).to_be_visible()
    expect(phone.get_by_role("button", name="Ajouter une intervention")).to_have_count(
        0
    )
    expect(phone.locator("li.pl-interventions").first).to_be_visible()
    expect(
        phone.locator("li.pl-interventions").get_by_role("button", name="Modifier")
    ).to_have_count(0)
    assert_no_violations(phone)
    shot(phone, "intervenant-planning-week")

    # Created, on today's date, in the agency's zone.
    phone.get_by_role("button", name=words["add"]).click()
    expect(phone.get_by_role("heading", name=words["new"])).to_be_focused()
    phone.get_by_label("Heure de début").fill("19:00")
    phone.get_by_label("Heure de fin").fill("20:00")
    assert_no_violations(phone)
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_text(words["created"])).to_be_visible()
    today = timezone.localdate(timezone=zone)
    created = model.objects.get(
        intervenant=ines, start=datetime.combine(today, time(19), zone)
    )
    assert created.end == datetime.combine(today, time(20), zone)
    assert created.version == 1

    # Changed under a stale version: the agency moves its end while the form is
    # open; the save is refused (412), the page says what changed, and a second save
    # applies the person's times over the new version.
    mine = item(phone, kind, "19:00 – 20:00")
    mine.get_by_role("button", name="Modifier").click()
    phone.get_by_label("Heure de fin").fill("21:00")
    model.objects.filter(pk=created.pk).update(
        end=datetime.combine(today, time(20, 30), zone), version=F("version") + 1
    )
    phone.get_by_role("button", name="Enregistrer").click()
    alert = phone.get_by_role("alert")
    expect(alert).to_contain_text("modifié entre-temps")
    expect(alert).to_contain_text("Voici ce qui a changé")
    expect(alert).to_contain_text(
        re.compile(r"Fin : désormais .*20:30 \(au lieu de .*20:00\)")
    )
    assert_no_violations(phone)
    shot(phone, f"intervenant-planning-stale-{kind}")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_text(words["changed"])).to_be_visible()
    created.refresh_from_db()
    assert created.end == datetime.combine(today, time(21), zone)
    assert created.version == 3

    # Deleted, after a confirmation.
    mine = item(phone, kind, "19:00 – 21:00")
    mine.get_by_role("button", name="Supprimer").click()
    mine.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.get_by_text(words["deleted"])).to_be_visible()
    assert not model.objects.filter(pk=created.pk).exists()


def test_an_absence_over_a_visit_is_refused(demo, phone, portal_url):
    from planning.models import Absence, Intervention

    ines = worker()
    zone = zone_of(ines)
    visit = (
        Intervention.objects.filter(
            intervenant=ines, status="planned", start__gt=timezone.now()
        )
        .order_by("start")
        .first()
    )
    day, start = local(visit.start, zone)
    _day, end = local(visit.end, zone)
    sign_in(phone, portal_url("demo-intervenants", "planning"), WORKER)
    phone.get_by_role("button", name="Signaler une absence").click()
    phone.get_by_label("Date de début").fill(day)
    phone.get_by_label("Heure de début").fill(start)
    phone.get_by_label("Date de fin").fill(day)
    phone.get_by_label("Heure de fin").fill(end)
    phone.get_by_label("Motif (facultatif)").fill("Rendez-vous")
    phone.get_by_role("button", name="Enregistrer").click()
    alert = phone.get_by_role("alert")
    expect(alert).to_contain_text("Ce créneau en chevauche un autre de votre planning.")
    # The server names the visit in the way.
    expect(alert).to_contain_text("Chevauchement avec l")
    expect(alert).to_contain_text(start)
    assert_no_violations(phone)
    shot(phone, "intervenant-planning-overlap")
    assert not Absence.objects.filter(intervenant=ines).exists()


def test_a_care_worker_declares_changes_and_cancels_a_coupon(demo, phone, portal_url):
    from planning.models import Coupon

    ines = worker()
    zone = zone_of(ines)
    visit = past_visit(ines, time(6), "Visite du coupon")
    day, start = local(visit.start, zone)
    _day, end = local(visit.end, zone)
    sign_in(
        phone,
        portal_url("demo-intervenants", f"planning?vue=jour&jour={day}"),
        WORKER,
    )
    # From the visit in the planning: its times are prefilled.
    item(phone, "interventions", "Visite du coupon").get_by_role(
        "link", name="Déclarer le coupon"
    ).click()
    expect(phone.get_by_role("heading", name="Mes coupons", level=1)).to_be_visible()
    expect(phone.get_by_label("Intervention")).to_have_value(str(visit.pk))
    expect(phone.get_by_label("Date")).to_have_value(day)
    expect(phone.get_by_label("Heure d’arrivée")).to_have_value(start)
    expect(phone.get_by_label("Heure de départ")).to_have_value(end)
    phone.get_by_label("Kilomètres parcourus (facultatif)").fill("7,5")
    assert_no_violations(phone)
    shot(phone, "intervenant-coupon-declare")
    phone.get_by_role("button", name="Envoyer le coupon").click()
    expect(
        phone.get_by_text("Coupon envoyé : il attend la validation de votre agence.")
    ).to_be_visible()
    coupon = Coupon.objects.get(intervention=visit)
    assert coupon.status == "submitted"
    assert str(coupon.kilometres) == "7.5"

    # In the list, with its state; changed while submitted.
    mine = phone.locator("li.coupon", has_text="7,5 km")
    expect(mine).to_contain_text("Soumis")
    mine.get_by_role("button", name="Modifier").click()
    mine.get_by_label("Commentaire (facultatif)").fill("Ménage en plus.")
    mine.get_by_role("button", name="Enregistrer les modifications").click()
    expect(mine.get_by_text("Coupon modifié.")).to_be_visible()
    coupon.refresh_from_db()
    assert coupon.comment == "Ménage en plus."

    # Cancelled with a reason, which is required.
    mine.get_by_role("button", name="Annuler le coupon").click()
    mine.get_by_role("button", name="Confirmer l’annulation").click()
    expect(mine.get_by_text("Indiquez le motif de l’annulation.")).to_be_visible()
    mine.get_by_label("Motif de l’annulation").fill("Visite déclarée deux fois.")
    mine.get_by_role("button", name="Confirmer l’annulation").click()
    expect(mine.get_by_text("Coupon annulé.")).to_be_visible()
    expect(mine).to_contain_text("Annulé")
    expect(mine).to_contain_text("Visite déclarée deux fois.")
    coupon.refresh_from_db()
    assert coupon.status == "cancelled"

    # Filtered by state.
    phone.get_by_label("État").select_option(label="Annulé")
    phone.get_by_role("button", name="Filtrer").click()
    expect(phone.locator("li.coupon")).to_have_count(1)
    assert_no_violations(phone)
    shot(phone, "intervenant-coupons")


def test_offline_the_planning_stays_and_a_coupon_waits_for_the_connection(
    demo, phone, portal_url
):
    from planning.models import Availability, Coupon, Intervention

    ines = worker()
    zone = zone_of(ines)
    kept = past_visit(ines, time(5, 30), "Visite sans réseau")
    lost = past_visit(ines, time(4), "Visite annulée entre-temps")
    day, _start = local(kept.start, zone)
    address = portal_url("demo-intervenants", f"planning?vue=jour&jour={day}")
    sign_in(phone, address, WORKER)
    expect(item(phone, "interventions", "Visite sans réseau")).to_be_visible()
    # Opened once with the service worker in charge (the documents list too): what
    # it read is kept.
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    documents = portal_url("demo-intervenants", "administratif")
    payslip = phone.get_by_role("heading", name="Bulletin de salaire octobre 2026")
    phone.goto(documents)
    expect(payslip).to_be_visible()
    phone.goto(address)
    expect(item(phone, "interventions", "Visite sans réseau")).to_be_visible()
    assert phone.evaluate("navigator.serviceWorker.controller !== null")

    phone.context.set_offline(True)
    # What the server has now cannot show offline: the page is the kept answer.
    Availability.objects.create(
        agency=ines.agency,
        intervenant=ines,
        start=kept.start + timedelta(hours=6),
        end=kept.start + timedelta(hours=7),
    )
    phone.reload()
    expect(phone.get_by_text("Hors ligne.")).to_be_visible()
    expect(item(phone, "interventions", "Visite sans réseau")).to_be_visible()
    expect(phone.locator("li.pl-availabilities")).to_have_count(0)
    assert_no_violations(phone)
    shot(phone, "intervenant-planning-offline")
    phone.goto(documents)
    expect(payslip).to_be_visible()
    expect(phone.get_by_text("Hors ligne.")).to_be_visible()
    phone.goto(address)

    # Two coupons declared offline: kept on the device.
    item(phone, "interventions", "Visite sans réseau").get_by_role(
        "link", name="Déclarer le coupon"
    ).click()
    expect(phone.get_by_label("Intervention")).to_have_value(str(kept.pk))
    phone.get_by_role("button", name="Envoyer le coupon").click()
    expect(phone.get_by_text("ce coupon est gardé sur cet appareil")).to_be_visible()
    phone.get_by_label("Intervention").select_option(str(lost.pk))
    phone.get_by_role("button", name="Envoyer le coupon").click()
    expect(
        phone.get_by_text(
            "2 coupons déclarés hors ligne attendent le retour de la connexion"
        )
    ).to_be_visible()
    expect(phone.get_by_role("heading", name="En attente d’envoi")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "intervenant-coupon-offline")
    assert not Coupon.objects.filter(intervention__in=[kept, lost]).exists()

    # Meanwhile the agency cancels one of the visits; back online, both are sent
    # and each answer is shown.
    Intervention.objects.filter(pk=lost.pk).update(status="cancelled")
    phone.context.set_offline(False)
    expect(
        phone.get_by_text(re.compile("déclaré hors ligne, a été envoyé et accepté"))
    ).to_be_visible()
    refused = phone.get_by_role("alert").filter(has_text="a été refusé")
    expect(refused).to_contain_text("Cette intervention est annulée.")
    expect(phone.get_by_text("Hors ligne.")).to_have_count(0)
    shot(phone, "intervenant-coupon-sent")
    assert Coupon.objects.get(intervention=kept).status == "submitted"
    assert not Coupon.objects.filter(intervention=lost).exists()
    refused.get_by_role("button", name="J’ai compris").click()
    expect(phone.get_by_text("a été refusé")).to_have_count(0)


def test_a_family_reads_its_planning_and_reports_an_absence(demo, phone, portal_url):
    from access.models import Client
    from planning.models import Absence

    camille = Client.objects.select_related("agency").get(email=CLIENT)
    zone = zone_of(camille)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(phone, portal_url("demo-clients", "planning"), CLIENT)
    expect(phone.get_by_role("heading", name="Mon planning", level=1)).to_be_visible()
    expect(phone.locator("li.pl-interventions").first).to_contain_text("Avec Inès D")
    # The client portal adds absences and deletes them, nothing else.
    expect(phone.get_by_role("button", name="Signaler une absence")).to_be_visible()
    expect(phone.get_by_role("button", name="Ajouter une disponibilité")).to_have_count(
        0
    )
    assert_no_violations(phone)
    shot(phone, "client-planning-week")

    tomorrow = timezone.localdate(timezone=zone) + timedelta(days=1)
    phone.get_by_role("button", name="Signaler une absence").click()
    phone.get_by_label("Date de début").fill(tomorrow.isoformat())
    phone.get_by_label("Heure de début").fill("14:00")
    phone.get_by_label("Date de fin").fill(tomorrow.isoformat())
    phone.get_by_label("Heure de fin").fill("16:00")
    phone.get_by_label("Motif (facultatif)").fill("Chez le médecin")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_text("Absence signalée.")).to_be_visible()
    absence = Absence.objects.get(client=camille, reason="Chez le médecin")
    assert absence.start == datetime.combine(tomorrow, time(14), zone)
    mine = item(phone, "absences", "Chez le médecin")
    expect(mine.get_by_role("button", name="Modifier")).to_have_count(0)
    mine.get_by_role("button", name="Supprimer").click()
    mine.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.get_by_text("Absence supprimée.")).to_be_visible()
    assert not Absence.objects.filter(pk=absence.pk).exists()

    # The month, then one of its days.
    phone.get_by_role("button", name="Mois", exact=True).click()
    month = phone.get_by_role("table")
    expect(month).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-planning-month")
    month.get_by_role("button", name=re.compile(r"1 intervention")).first.click()
    expect(phone.get_by_role("button", name="Jour", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(phone.locator("li.pl-interventions")).to_have_count(1)

    # The calendar subscription: a secret address to copy.
    phone.get_by_role("button", name="Obtenir l’adresse de mon calendrier").click()
    field = phone.get_by_label("Adresse de votre calendrier")
    expect(field).to_have_value(re.compile(r"/planning\.ics\?token=\S+$"))
    phone.get_by_role("button", name="Copier").click()
    expect(phone.get_by_text("Adresse copiée.")).to_be_visible()
    assert phone.evaluate("navigator.clipboard.readText()") == field.input_value()
    assert_no_violations(phone)
