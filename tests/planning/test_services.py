"""The planning services themselves, called as any future caller would."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.errors import ApplicationError
from planning.models import Absence, ChangeLog
from planning.services import (
    editable_values,
    planning_item_create,
    planning_item_delete,
    planning_item_update,
)
from tests.factories.access import AgencyFactory, ClientFactory
from tests.factories.planning import AbsenceFactory, InterventionFactory

pytestmark = pytest.mark.django_db
START = timezone.now().replace(microsecond=0, second=0) + timedelta(days=3)


def test_editable_values_keeps_only_what_a_portal_may_set():
    data = {"start": START, "end": START, "reason": "Congé", "agency": 9, "version": 7}
    assert editable_values("absences", data) == {
        "start": START,
        "end": START,
        "reason": "Congé",
    }


def absence(account, **values):
    """An absence of the account's person, an hour three days ahead, through the
    service."""
    return planning_item_create(
        account=account,
        kind="absences",
        values={"start": START, "end": START + timedelta(hours=1), **values},
    )


class TestOnlyEditableFieldsReachTheRow:
    """The services accept the portal's whitelist only: a careless caller passing
    request data straight through cannot move an item to another agency."""

    def test_create_refuses_other_fields(self, intervenant_account):
        with pytest.raises(TypeError):
            absence(intervenant_account, agency_id=AgencyFactory().pk)
        assert not Absence.objects.exists()

    def test_update_refuses_other_fields(self, intervenant_account):
        item = absence(intervenant_account)
        other = AgencyFactory()
        with pytest.raises(TypeError):
            planning_item_update(
                account=intervenant_account,
                kind="absences",
                item_id=item.pk,
                version=item.version,
                values={"agency_id": other.pk},
            )
        item.refresh_from_db()
        assert item.agency_id == intervenant_account.intervenant.agency_id
        assert item.version == 1


def update(account, item_id, version=1, **values):
    return planning_item_update(
        account=account,
        kind="absences",
        item_id=item_id,
        version=version,
        values=values,
    )


def delete(account, item_id, version=1):
    return planning_item_delete(
        account=account, kind="absences", item_id=item_id, version=version
    )


def refusal(service, *args, **kwargs) -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        service(*args, **kwargs)
    return error.value


class TestCreate:
    def test_an_item_is_the_persons_own_and_logged(self, client_account):
        item = absence(client_account, reason="Congé")
        person = client_account.client
        assert (item.client, item.agency_id, item.version) == (
            person,
            person.agency_id,
            1,
        )
        entry = ChangeLog.objects.get()
        assert (entry.action, entry.item_kind, entry.item_id) == (
            "create",
            "absences",
            item.pk,
        )
        assert (entry.client, entry.account, entry.portal_kind) == (
            person,
            client_account,
            "client",
        )
        assert entry.before is None and entry.after["reason"] == "Congé"

    def test_a_family_asks_for_a_visit_not_yet_staffed(self, client_account):
        visit = planning_item_create(
            account=client_account,
            kind="interventions",
            values={"start": START, "end": START + timedelta(hours=2)},
        )
        assert (visit.client, visit.intervenant) == (client_account.client, None)

    def test_a_care_worker_adds_a_visit_to_a_client_they_visit(
        self, intervenant_account, client_person
    ):
        worker = intervenant_account.intervenant
        InterventionFactory(client=client_person, intervenant=worker, start=START)
        later = START + timedelta(days=1)
        visit = planning_item_create(
            account=intervenant_account,
            kind="interventions",
            values={"start": later, "end": later + timedelta(hours=1)},
            client_id=client_person.pk,
        )
        assert (visit.client, visit.intervenant) == (client_person, worker)

    @pytest.mark.parametrize("visited", [False, None])
    def test_a_care_worker_cannot_add_a_visit_elsewhere(
        self, intervenant_account, client_person, visited
    ):
        """A client of the agency they do not visit, or none named."""
        error = refusal(
            planning_item_create,
            account=intervenant_account,
            kind="interventions",
            values={"start": START, "end": START + timedelta(hours=1)},
            client_id=client_person.pk if visited is False else None,
        )
        assert (error.code, error.status, list(error.fields)) == (
            "invalid",
            400,
            ["client"],
        )
        assert not ChangeLog.objects.exists()

    def test_an_overlap_names_the_other_item_and_writes_nothing(
        self, intervenant_account, client_person
    ):
        visit = InterventionFactory(
            client=client_person,
            intervenant=intervenant_account.intervenant,
            start=START,
        )
        error = refusal(
            planning_item_create,
            account=intervenant_account,
            kind="absences",
            values={
                "start": START + timedelta(hours=1),
                "end": START + timedelta(hours=3),
            },
        )
        assert (error.code, error.status) == ("overlap", 409)
        assert error.fields == {"conflict": [f"interventions:{visit.pk}"]}
        assert not Absence.objects.exists()
        assert not ChangeLog.objects.exists()

    def test_an_end_before_the_start_is_refused_on_its_field(self, client_account):
        with pytest.raises(ValidationError) as error:
            absence(client_account, end=START - timedelta(hours=1))
        assert list(error.value.message_dict) == ["end"]
        assert not Absence.objects.exists()


class TestUpdateAndDelete:
    def test_a_change_bumps_the_version_and_logs_before_and_after(self, client_account):
        item = absence(client_account, reason="Congé")
        changed = update(client_account, item.pk, reason="Hôpital")
        assert (changed.reason, changed.version) == ("Hôpital", 2)
        entry = ChangeLog.objects.get(action="change")
        assert (entry.before["reason"], entry.after["reason"]) == ("Congé", "Hôpital")
        assert (entry.before["version"], entry.after["version"]) == (1, 2)

    def test_a_stale_version_changes_nothing_and_logs_nothing(self, client_account):
        item = absence(client_account, reason="Congé")
        error = refusal(update, client_account, item.pk, version=2, reason="Hôpital")
        assert (error.code, error.status) == ("stale_version", 412)
        item.refresh_from_db()
        assert (item.reason, item.version) == ("Congé", 1)
        assert ChangeLog.objects.filter(action="change").count() == 0

    def test_deleting_logs_what_was_there(self, client_account):
        item = absence(client_account, reason="Congé")
        delete(client_account, item.pk)
        assert not Absence.objects.exists()
        entry = ChangeLog.objects.get(action="delete")
        assert entry.before["reason"] == "Congé" and entry.after is None

    def test_a_stale_version_deletes_nothing(self, client_account):
        item = absence(client_account)
        error = refusal(delete, client_account, item.pk, version=7)
        assert (error.code, error.status) == ("stale_version", 412)
        assert Absence.objects.filter(pk=item.pk).exists()
        assert not ChangeLog.objects.filter(action="delete").exists()

    def test_a_family_may_not_touch_a_past_item(self, client_account):
        past = AbsenceFactory(
            client=client_account.client, start=timezone.now() - timedelta(days=2)
        )
        error = refusal(delete, client_account, past.pk)
        assert (error.code, error.status) == ("action_not_allowed", 403)
        assert Absence.objects.filter(pk=past.pk).exists()

    def test_another_persons_item_is_not_found(self, client_account, client_person):
        mine = absence(client_account)
        neighbour = AbsenceFactory(client=ClientFactory(agency=client_person.agency))
        for item_id in (neighbour.pk, mine.pk + 1000):
            error = refusal(update, client_account, item_id, reason="x")
            assert (error.code, error.status) == ("not_found", 404)
