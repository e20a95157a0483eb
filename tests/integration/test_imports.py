"""Imports staff run themselves: CSV and Excel files read by tablib, French headers,
a preview that saves nothing (no row, no event, no e-mail), then all or nothing;
staff scoped to their agencies and their permissions; `import_file`."""

import html
import os
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.test import Client as DjangoClient
from django.urls import reverse

from access.models import Client, Intervenant
from billing.models import Invoice, Quote
from cms.demo_pdf import simple_pdf
from integration.admin_imports import SESSION_KEY, TTL
from integration.events import event_record
from integration.imports import (
    KINDS,
    ImportFileError,
    columns_map,
    dataset_load,
    import_file,
)
from integration.models import Event
from media.storage import private_storage
from planning.models import Absence, Availability, Intervention
from tests.conftest import sign_in
from tests.factories import ClientFactory, IntervenantFactory, StaffFactory

pytestmark = pytest.mark.django_db

FRENCH = "Référence;Prénom;Nom;E-mail;Téléphone;Adresse;Code postal;Ville\n"


def csv_bytes(text: str, encoding="utf-8") -> bytes:
    return text.encode(encoding)


def xlsx_bytes(headers, rows) -> bytes:
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data.export("xlsx")


def import_rows(agency, kind, content, name, *, preview=False, **options):
    """`content`, a file called `name`, through the import the admin and the
    commands run: saved, or only previewed."""
    return import_file(
        agency=agency, kind=kind, content=content, name=name, preview=preview, **options
    )


def people_csv(*rows):
    return csv_bytes(FRENCH + "".join(f"{row}\n" for row in rows))


GOOD = "C-1;Jeanne;Roux;jeanne@x.org;0601020304;1 rue Haute;75001;Paris"
BAD_EMAIL = "C-2;Paul;Martin;pas-un-mail;;;;"


class TestReading:
    def test_french_headers_semicolons_and_windows_encoding(self, agency):
        content = csv_bytes(FRENCH + "C-1;Hélène;Léger;;;;;Évry\n", encoding="cp1252")
        report = import_rows(agency, "clients", content, "c.csv")
        assert report.saved
        person = Client.objects.get(agency=agency, external_ref="C-1")
        assert (person.first_name, person.last_name, person.city) == (
            "Hélène",
            "Léger",
            "Évry",
        )

    def test_english_field_names_and_commas(self, agency):
        content = csv_bytes(
            "external_ref,first_name,last_name,email,postal_code\n"
            "I-1,Marc,Petit,marc@x.org,69001\n"
        )
        report = import_rows(agency, "intervenants", content, "i.csv")
        assert [row.result for row in report.rows] == ["created"]
        person = Intervenant.objects.get(agency=agency, external_ref="I-1")
        assert (person.email, person.postal_code) == ("marc@x.org", "69001")

    def test_headers_match_without_accents_or_capitals(self):
        positions, ignored = columns_map(
            KINDS["clients"], ["REFERENCE", "prenom", "Nom", "e_mail", "Remarque"]
        )
        assert positions == {
            0: "external_ref",
            1: "first_name",
            2: "last_name",
            3: "email",
        }
        assert ignored == ["Remarque"]

    def test_missing_and_duplicate_columns_refuse_the_file(self, agency):
        with pytest.raises(ImportFileError, match="Colonnes manquantes : Prénom, Nom"):
            columns_map(KINDS["clients"], ["Référence", "Ville"])
        with pytest.raises(ImportFileError, match="« Nom » apparaît deux fois"):
            columns_map(KINDS["clients"], ["Référence", "Prénom", "Nom", "last_name"])

    def test_xlsx_with_numbers_typed_by_excel(self, agency):
        content = xlsx_bytes(
            ["Référence", "Prénom", "Nom", "Code postal", "Téléphone"],
            [["C-9", "Anne", "Morel", 75011, 601020304.0], [None] * 5],
        )
        dataset = dataset_load(content=content, name="clients.xlsx")
        assert dataset.headers[0] == "Référence"
        report = import_rows(agency, "clients", content, "clients.xlsx")
        # The blank spreadsheet row is skipped, not reported.
        assert [(row.line, row.result) for row in report.rows] == [(2, "created")]
        person = Client.objects.get(agency=agency, external_ref="C-9")
        assert (person.postal_code, person.phone) == ("75011", "601020304")

    def test_unreadable_files(self, agency):
        with pytest.raises(ImportFileError, match="Format non reconnu"):
            dataset_load(content=b"\x00\x01", name="clients.xls")
        with pytest.raises(ImportFileError, match="n'a pas pu être lu"):
            dataset_load(content=b"PK\x03\x04broken", name="clients.xlsx")
        with pytest.raises(ImportFileError, match="plus de colonnes"):
            dataset_load(content=b"a;b\n1;2;3\n", name="x.csv")

    def test_a_row_limit_that_the_command_lifts(self, agency):
        content = people_csv(GOOD, "C-2;Paul;Martin;;;;;")
        with pytest.raises(ImportFileError, match="plus de 1 lignes"):
            import_rows(agency, "clients", content, "c.csv", preview=True, max_rows=1)
        # No limit, as import_file asks.
        report = import_rows(
            agency, "clients", content, "c.csv", preview=True, max_rows=None
        )
        assert len(report.rows) == 2

    def test_a_missing_column_leaves_that_field_as_it_is(self, agency):
        ClientFactory(agency=agency, external_ref="C-1", email="garde@x.org")
        content = csv_bytes("Référence;Prénom;Nom\nC-1;Jeanne;Roux\n")
        report = import_rows(agency, "clients", content, "c.csv")
        assert report.rows[0].result == "updated"
        person = Client.objects.get(agency=agency, external_ref="C-1")
        assert (person.first_name, person.email) == ("Jeanne", "garde@x.org")


class TestInterventions:
    def test_french_dates_on_the_agency_clock_and_french_status(self, reunion):
        client = ClientFactory(agency=reunion, external_ref="C-1")
        worker = IntervenantFactory(agency=reunion, external_ref="I-1")
        content = csv_bytes(
            "Référence;Client;Intervenant;Début;Fin;Statut;Prestation\n"
            "V-1;C-1;I-1;04/12/2026 08:00;04/12/2026 10:30;Réalisée;Toilette\n"
            "V-2;C-1;;2026-12-05T08:00;2026-12-05T09:00;;\n"
        )
        report = import_rows(reunion, "interventions", content, "p.csv")
        assert report.saved, report.rows
        zone = ZoneInfo("Indian/Reunion")
        first = Intervention.objects.get(external__external_ref="V-1")
        assert first.start == datetime(2026, 12, 4, 8, 0, tzinfo=zone)
        assert first.end == datetime(2026, 12, 4, 10, 30, tzinfo=zone)
        assert (first.client, first.intervenant) == (client, worker)
        assert (first.status, first.service) == ("done", "Toilette")
        second = Intervention.objects.get(external__external_ref="V-2")
        assert second.intervenant is None and second.status == "planned"
        assert second.start == datetime(2026, 12, 5, 8, 0, tzinfo=zone)
        assert "04/12/2026 de 08:00 à 10:30" in report.rows[0].description

    def test_xlsx_dates_typed_by_excel(self, reunion):
        ClientFactory(agency=reunion, external_ref="C-1")
        content = xlsx_bytes(
            ["Référence", "Client", "Début", "Fin"],
            [
                ["V-1", "C-1", datetime(2026, 12, 4, 8), datetime(2026, 12, 4, 9)],
                ["V-2", "C-1", time(8), time(9)],  # a time without its day
            ],
        )
        report = import_rows(reunion, "interventions", content, "p.xlsx", preview=True)
        assert report.rows[1].errors[0] == (
            "Début : Saisissez une date et une heure valides."
        )
        assert not Intervention.objects.exists()  # a preview
        report = import_rows(
            reunion,
            "interventions",
            xlsx_bytes(
                ["Référence", "Client", "Début", "Fin"],
                [["V-1", "C-1", datetime(2026, 12, 4, 8), datetime(2026, 12, 4, 9)]],
            ),
            "p.xlsx",
        )
        assert report.saved
        item = Intervention.objects.get(external__external_ref="V-1")
        assert item.start == datetime(2026, 12, 4, 8, tzinfo=ZoneInfo("Indian/Reunion"))

    def test_errors_name_the_columns_in_french(self, agency):
        ClientFactory(agency=agency, external_ref="C-1")
        content = csv_bytes(
            "Référence;Client;Début;Fin;Statut\n"
            "V-1;C-1;31/02/2026 08:00;01/03/2026 09:00;\n"
            "V-2;C-404;01/03/2026 08:00;01/03/2026 09:00;\n"
            "V-3;C-1;01/03/2026 08:00;01/03/2026 09:00;Peut-être\n"
        )
        report = import_rows(agency, "interventions", content, "p.csv", preview=True)
        first, second, third = report.rows
        assert first.errors == ["Début : Saisissez une date et une heure valides."]
        assert second.errors == ["Client : Aucune fiche n'a la référence « C-404 »."]
        assert third.errors[0].startswith("Statut : « Peut-être » n'est pas un statut")

    def test_an_overlap_says_what_is_in_the_way(self, agency):
        ClientFactory(agency=agency, external_ref="C-1")
        IntervenantFactory(agency=agency, external_ref="I-1")
        content = csv_bytes(
            "Référence;Client;Intervenant;Début;Fin\n"
            "V-1;C-1;I-1;01/03/2026 08:00;01/03/2026 10:00\n"
            "V-2;C-1;I-1;01/03/2026 09:00;01/03/2026 11:00\n"
        )
        report = import_rows(agency, "interventions", content, "p.csv", preview=True)
        assert [row.result for row in report.rows] == ["created", "error"]
        assert report.rows[1].errors and "interventions:" not in str(report.rows[1])

    def test_a_file_without_the_intervenant_column_keeps_the_staffing(self, agency):
        ClientFactory(agency=agency, external_ref="C-1")
        worker = IntervenantFactory(agency=agency, external_ref="I-1")

        def run(content):
            return import_rows(agency, "interventions", csv_bytes(content), "p.csv")

        run(
            "Référence;Client;Intervenant;Début;Fin\n"
            "V-1;C-1;I-1;01/03/2026 08:00;01/03/2026 10:00\n"
        )
        report = run(
            "Référence;Client;Début;Fin;Prestation\n"
            "V-1;C-1;01/03/2026 08:00;01/03/2026 10:00;Courses\n"
        )
        assert report.rows[0].result == "updated"
        visit = Intervention.objects.get()
        assert (visit.intervenant, visit.service) == (worker, "Courses")


class TestAllOrNothing:
    def test_one_bad_row_and_nothing_is_saved(self, agency):
        report = import_rows(agency, "clients", people_csv(GOOD, BAD_EMAIL), "c.csv")
        assert not report.saved and report.counts["error"] == 1
        assert report.rows[1].errors == [
            "E-mail : Saisissez une adresse e-mail valide."
        ]
        assert not Client.objects.filter(agency=agency).exists()

    def test_the_same_file_twice_is_unchanged(self, agency):
        for expected in ("created", "unchanged"):
            report = import_rows(agency, "clients", people_csv(GOOD), "c.csv")
            assert report.rows[0].result == expected


@pytest.fixture
def noisy_clients():
    """Each client saved records an event and queues an e-mail for the commit, as
    a portal-side change would: what a preview must leave no trace of."""

    def receiver(sender, instance, **kwargs):
        event_record(
            agency=instance.agency, type=Event.Type.PROFILE_CHANGED, data={"x": 1}
        )
        transaction.on_commit(
            lambda: mail.send_mail("Nouveau client", "", None, ["a@x.org"])
        )

    post_save.connect(receiver, sender=Client, dispatch_uid="test_noisy")
    yield
    post_save.disconnect(sender=Client, dispatch_uid="test_noisy")


def upload(staff, agency, content, name="clients.csv", kind="clients"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return staff.post(
        reverse("integration_admin:import", args=[kind]),
        {"agency": agency.pk, "file": SimpleUploadedFile(name, content)},
    )


def text(answer) -> str:
    return html.unescape(answer.content.decode())


def token_of(answer) -> str:
    found = re.search(r'name="token" value="([^"]+)"', text(answer))
    return found[1] if found else ""


def apply(staff, token, kind="clients"):
    return staff.post(
        reverse("integration_admin:import_apply", args=[kind]), {"token": token}
    )


class TestAdmin:
    def test_preview_saves_nothing_and_emits_nothing(
        self, staff, agency, noisy_clients, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            answer = upload(staff, agency, people_csv(GOOD))
        page = text(answer)
        assert answer.status_code == 200
        assert "Aperçu de « clients.csv »" in page and "créé" in page
        assert not Client.objects.exists()
        assert not Event.objects.exists()
        assert callbacks == [] and mail.outbox == []

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            answer = apply(staff, token_of(answer))
        assert "toutes les lignes ont été enregistrées" in text(answer)
        assert Client.objects.get(agency=agency, external_ref="C-1")
        assert Event.objects.filter(agency=agency).count() == 1
        assert len(mail.outbox) == 1

    def test_a_bad_row_shows_its_error_and_offers_no_import(self, staff, agency):
        answer = upload(staff, agency, people_csv(GOOD, BAD_EMAIL))
        page = text(answer)
        assert "E-mail : Saisissez une adresse e-mail valide." in page
        assert "1 ligne est en erreur" in page
        assert token_of(answer) == ""
        assert not Client.objects.exists()

    def test_apply_runs_again_and_saves_nothing_when_a_row_now_fails(
        self, staff, agency
    ):
        ClientFactory(agency=agency, external_ref="C-1")
        content = csv_bytes(
            "Référence;Client;Début;Fin\n"
            "V-1;C-1;01/03/2026 08:00;01/03/2026 09:00\n"
            "V-2;C-1;02/03/2026 08:00;02/03/2026 09:00\n"
        )
        answer = upload(staff, agency, content, "p.csv", kind="interventions")
        token = token_of(answer)
        assert token
        Client.objects.filter(external_ref="C-1").delete()  # meanwhile
        answer = apply(staff, token, kind="interventions")
        page = text(answer)
        assert "Aucune ligne n'a été enregistrée : 2 lignes en erreur." in page
        assert "Aucune fiche n'a la référence « C-1 »" in page
        assert not Intervention.objects.exists()

    def test_a_token_applies_once_and_only_in_its_session(self, staff, agency):
        token = token_of(upload(staff, agency, people_csv(GOOD)))
        assert apply(staff, "forged" + token).status_code == 302
        assert apply(staff, "é" + token[1:]).status_code == 302
        # A colleague of the same agency, in their own session, cannot apply it.
        colleague = sign_in(DjangoClient(), StaffFactory(agency=agency))
        assert apply(colleague, token).status_code == 302
        assert not Client.objects.exists()
        apply(staff, token)
        assert Client.objects.count() == 1
        again = apply(staff, token)
        assert again.status_code == 302  # gone: back to the form with a message
        assert Client.objects.count() == 1

    def test_a_preview_expires_after_an_hour(self, staff, agency):
        token = token_of(upload(staff, agency, people_csv(GOOD)))
        session = staff.session
        session[SESSION_KEY]["clients"]["at"] -= TTL + 1
        session.save()
        answer = apply(staff, token)
        assert answer.status_code == 302
        assert "n'est plus disponible" in text(staff.get(answer["Location"]))
        assert not Client.objects.exists()

    def test_previews_never_applied_are_removed_once_expired(self, staff, agency):
        storage = private_storage()
        stale = storage.save("imports/999/old", ContentFile(b"x"))
        fresh = storage.save("imports/999/new", ContentFile(b"x"))
        long_ago = (datetime.now() - timedelta(seconds=TTL + 60)).timestamp()
        os.utime(storage.path(stale), (long_ago, long_ago))
        upload(staff, agency, people_csv(GOOD))
        assert not storage.exists(stale) and storage.exists(fresh)

    def test_another_agency_cannot_be_chosen(self, staff, other_agency):
        answer = upload(staff, other_agency, people_csv(GOOD))
        assert "Sélectionnez un choix valide" in text(answer)
        assert token_of(answer) == ""
        assert not Client.objects.exists()

    def test_the_agency_previewed_is_rechecked_on_apply(
        self, staff, agency, other_agency
    ):
        token = token_of(upload(staff, agency, people_csv(GOOD)))
        # Were the session to name another agency, applying would refuse it.
        session = staff.session
        session[SESSION_KEY]["clients"]["agency"] = other_agency.pk
        session.save()
        assert apply(staff, token).status_code == 404
        assert not Client.objects.exists()

    def test_the_listing_offers_import_to_those_who_may(self, staff, agency):
        listing = reverse(Client.snippet_viewset.get_url_name("list"))
        target = reverse("integration_admin:import", args=["clients"])
        assert target in text(staff.get(listing))
        page = staff.get(target)
        assert page.status_code == 200
        assert "Colonnes reconnues" in text(page)

        agency.staff_group.permissions.remove(
            Permission.objects.get(codename="add_client")
        )
        assert target not in text(staff.get(listing))
        # Wagtail answers a refusal by sending staff back to the dashboard.
        assert staff.get(target)["Location"] == "/admin/"
        assert upload(staff, agency, people_csv(GOOD))["Location"] == "/admin/"
        assert not Client.objects.exists()
        # Interventions: their own permission.
        assert (
            staff.get(
                reverse("integration_admin:import", args=["interventions"])
            ).status_code
            == 200
        )

    def test_the_menus_offer_import(self, staff, agency):
        menu = text(staff.get("/admin/"))
        for kind in ("clients", "intervenants", "interventions"):
            assert reverse("integration_admin:import", args=[kind]) in menu
        listing = reverse(Intervention.snippet_viewset.get_url_name("list"))
        target = reverse("integration_admin:import", args=["interventions"])
        assert target in text(staff.get(listing))

        agency.staff_group.permissions.remove(
            Permission.objects.get(codename="change_intervention")
        )
        menu = text(staff.get("/admin/"))
        assert target not in menu
        assert reverse("integration_admin:import", args=["clients"]) in menu

    def test_planning_import_links_its_three_kinds_and_imports_absences(
        self, staff, agency
    ):
        page = text(
            staff.get(reverse("integration_admin:import", args=["interventions"]))
        )
        for kind, title in (
            ("availabilities", "Importer des disponibilités"),
            ("absences", "Importer des absences"),
        ):
            link = reverse("integration_admin:import", args=[kind])
            assert f'<a href="{link}">{title}</a>' in page
        IntervenantFactory(agency=agency, external_ref="I1")
        content = csv_bytes(
            "Référence;Intervenant;Début;Fin;Motif\n"
            "A-1;I1;02/04/2026 08:00;02/04/2026 18:00;Formation\n"
        )
        answer = upload(staff, agency, content, "absences.csv", kind="absences")
        assert "1 créée" in text(answer)  # « une absence »
        assert not Absence.objects.exists()
        apply(staff, token_of(answer), kind="absences")
        assert Absence.objects.get().reason == "Formation"

    def test_anonymous_and_unknown_kind(self, client, staff):
        assert staff.get("/admin/integrations/importer/factures/").status_code == 404
        client.logout()
        answer = client.get(reverse("integration_admin:import", args=["clients"]))
        assert answer.status_code == 302


class TestCommand:
    def test_rows_and_summary(self, agency, tmp_path, capsys):
        ClientFactory(agency=agency, external_ref="C-2", first_name="Paul")
        file = tmp_path / "clients.csv"
        file.write_bytes(people_csv(GOOD, "C-2;Paul;Martin;;;;;"))
        call_command("import_file", str(file), agency="alpha", kind="clients")
        out = capsys.readouterr().out
        assert "line 2 [C-1]: created (Jeanne Roux)" in out
        assert "line 3 [C-2]: updated (Paul Martin)" in out
        assert "1 created, 1 updated, 0 unchanged, 0 error(s)." in out
        assert Client.objects.filter(agency=agency).count() == 2

    def test_dry_run_saves_nothing(self, agency, tmp_path, capsys):
        file = tmp_path / "intervenants.xlsx"
        file.write_bytes(
            xlsx_bytes(
                ["external_ref", "first_name", "last_name"], [["I-1", "Marc", "Petit"]]
            )
        )
        call_command(
            "import_file",
            str(file),
            agency="alpha",
            kind="intervenants",
            dry_run=True,
        )
        out = capsys.readouterr().out
        assert "line 2 [I-1]: created" in out and "Dry run" in out
        assert not Intervenant.objects.exists()

    def test_bad_rows_fail_and_save_nothing(self, agency, tmp_path, capsys):
        file = tmp_path / "clients.csv"
        file.write_bytes(people_csv(GOOD, BAD_EMAIL))
        with pytest.raises(CommandError, match="1 bad row"):
            call_command("import_file", str(file), agency="alpha", kind="clients")
        assert "line 3 [C-2]: error: E-mail" in capsys.readouterr().err
        assert not Client.objects.exists()

    @staticmethod
    def run(folder, kind, text, **options):
        """import_file on a CSV of `text` written in `folder`, for alpha."""
        file = folder / f"{kind}.csv"
        file.write_bytes(csv_bytes(text))
        call_command("import_file", str(file), agency="alpha", kind=kind, **options)

    def test_availabilities_and_absences_on_the_agencys_clock(
        self, agency, tmp_path, capsys
    ):
        client = ClientFactory(agency=agency, external_ref="C1")
        IntervenantFactory(agency=agency, external_ref="I1")
        self.run(
            tmp_path,
            "availabilities",
            "Référence;Intervenant;Début;Fin\nD-1;I1;31/03/2026 08:00;31/03/2026 18:00",
        )
        available = Availability.objects.get()
        assert available.start.isoformat() == "2026-03-31T06:00:00+00:00"  # UTC+2
        self.run(
            tmp_path,
            "absences",
            "Référence;Client;Début;Fin;Motif\n"
            "A-1;C1;02/04/2026 00:00;03/04/2026 00:00;Hôpital",
        )
        absence = Absence.objects.get()
        assert (absence.client, absence.intervenant, absence.reason) == (
            client,
            None,
            "Hôpital",
        )
        assert "line 2 [A-1]: created" in capsys.readouterr().out

    def test_another_agencys_person_is_unknown(self, agency, other_agency, tmp_path):
        IntervenantFactory(agency=other_agency, external_ref="I2")
        with pytest.raises(CommandError, match="1 bad row"):
            self.run(
                tmp_path,
                "availabilities",
                "external_ref;intervenant;start;end\n"
                "D-1;I2;2026-03-31 08:00;2026-03-31 18:00",
            )
        assert not Availability.objects.exists()

    BILLING = (
        "Numéro;Client (référence);Libellé;Date d'émission;Montant TTC;Fichier PDF\n"
    )

    def test_invoices_with_their_pdfs_from_a_folder(self, agency, tmp_path):
        ClientFactory(agency=agency, external_ref="C1")
        pdfs = tmp_path / "pdfs"
        pdfs.mkdir()
        (pdfs / "F1.PDF").write_bytes(simple_pdf("F-1"))
        row = "F-1;C1;Aide à domicile;30/11/2026;120,00;F1.PDF"
        self.run(tmp_path, "invoices", self.BILLING + row, pdfs=str(pdfs))
        invoice = Invoice.objects.get()
        assert (invoice.amount_cents, invoice.document.is_published) == (12000, True)

    def test_a_pdf_not_in_the_folder_saves_nothing(self, agency, tmp_path, capsys):
        ClientFactory(agency=agency, external_ref="C1")
        with pytest.raises(CommandError, match="1 bad row"):
            self.run(
                tmp_path, "quotes", self.BILLING + "D-1;C1;Devis;01/11/2026;450;a.pdf"
            )
        assert "a.pdf" in capsys.readouterr().err
        assert not Quote.objects.exists()

    def test_pdfs_go_with_billing_only(self, agency, tmp_path):
        with pytest.raises(CommandError, match="--pdfs"):
            self.run(tmp_path, "clients", people_csv(GOOD).decode(), pdfs=str(tmp_path))
        assert not Client.objects.exists()

    def test_unknown_agency_or_file(self, tmp_path):
        with pytest.raises(CommandError, match="No agency"):
            call_command("import_file", "x.csv", agency="nope", kind="clients")
        with pytest.raises(CommandError):
            call_command(
                "import_file", str(tmp_path / "x.csv"), agency="alpha", kind="clients"
            )
