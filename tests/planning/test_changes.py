"""The planning change log reads as French sentences: labelled fields, agency times,
people by name; never a Python dict or a raw code."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from planning.changes import change_rows, field_changes
from planning.models import ChangeLog
from planning.services import planning_item_create, planning_item_update
from tests.conftest import sign_in
from tests.factories import StaffFactory
from tests.planning.changelog import logged_change

pytestmark = pytest.mark.django_db
START = timezone.now().replace(microsecond=0, second=0) + timedelta(days=3)


def absence_created(account):
    return planning_item_create(
        account=account,
        kind="absences",
        values={"start": START, "end": START + timedelta(hours=2), "reason": "Congé"},
    )


def local(moment, agency):
    return moment.astimezone(ZoneInfo(agency.time_zone)).strftime("%d/%m/%Y %H:%M")


def shown(entry):
    """The title and the field lines the change log shows for `entry`."""
    (row,) = change_rows([entry])
    return row.title, [str(change) for change in row.fields]


class TestFieldChanges:
    def test_an_addition_lists_its_values_in_agency_time(self, reunion, client_account):
        absence_created(client_account)
        assert shown(ChangeLog.objects.get()) == (
            "Ajout d'une absence",
            [
                f"Début : {local(START, reunion)}",
                f"Fin : {local(START + timedelta(hours=2), reunion)}",
                "Motif : Congé",
            ],
        )

    def test_a_modification_shows_only_what_moved(self, reunion, client_account):
        item = absence_created(client_account)
        planning_item_update(
            account=client_account,
            kind="absences",
            item_id=item.pk,
            version=item.version,
            values={"start": START + timedelta(hours=1)},
        )
        entry = ChangeLog.objects.filter(action="change").get()
        assert [str(change) for change in field_changes(entry)] == [
            f"Début : {local(START, reunion)} → "
            f"{local(START + timedelta(hours=1), reunion)}"
        ]

    def test_people_are_named_and_empty_values_dashed(
        self, intervenant_account, client_person
    ):
        entry = logged_change(
            intervenant_account,
            item_kind="interventions",
            action="delete",
            before={
                "version": 3,
                "service": "",
                "client": client_person.pk,
                "intervenant": intervenant_account.intervenant.pk,
            },
        )
        # The fields in the model's order, whatever order the JSON keeps.
        assert shown(entry) == (
            "Suppression d'une intervention",
            [
                f"Client : {client_person}",
                f"Intervenant : {intervenant_account.intervenant}",
                "Prestation : —",
            ],
        )

    def test_a_profile_change_uses_the_person_labels(self, intervenant_account):
        entry = logged_change(
            intervenant_account,
            item_kind="profile",
            action="change",
            before={"phone": "06 00 00 00 00", "city": "Lyon"},
            after={"phone": "07 11 11 11 11", "city": "Lyon"},
        )
        assert str(entry).startswith("Modification des coordonnées — ")
        assert [str(change) for change in field_changes(entry)] == [
            "Téléphone : 06 00 00 00 00 → 07 11 11 11 11"
        ]


class TestPersonRecordTab:
    def test_the_planning_tab_reads_in_french(
        self, client, reunion, client_account, client_person
    ):
        absence_created(client_account)
        sign_in(client, StaffFactory(agency=reunion))
        page = client.get(
            reverse(
                type(client_person).snippet_viewset.get_url_name("edit"),
                args=[client_person.pk],
            )
        ).content.decode()
        assert "Ajout d&#x27;une absence" in page or "Ajout d'une absence" in page
        assert f"Début : {local(START, reunion)}" in page
        for raw in ("{&#x27;", "{'", "absences n°", ">create<", "Version :"):
            assert raw not in page.split("Modifications du planning", 1)[-1]
