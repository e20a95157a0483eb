"""The planning services themselves, called as any future caller would."""

from datetime import timedelta

import pytest
from django.utils import timezone

from planning.models import Absence
from planning.services import (
    editable_values,
    planning_item_create,
    planning_item_update,
)
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
START = timezone.now().replace(microsecond=0, second=0) + timedelta(days=3)


def test_editable_values_keeps_only_what_a_portal_may_set():
    data = {"start": START, "end": START, "reason": "Congé", "agency": 9, "version": 7}
    assert editable_values("absences", data) == {
        "start": START,
        "end": START,
        "reason": "Congé",
    }


class TestOnlyEditableFieldsReachTheRow:
    """The services accept the portal's whitelist only: a careless caller passing
    request data straight through cannot move an item to another agency."""

    def test_create_refuses_other_fields(self, intervenant_account):
        with pytest.raises(TypeError):
            planning_item_create(
                account=intervenant_account,
                kind="absences",
                values={
                    "start": START,
                    "end": START + timedelta(hours=1),
                    "agency_id": AgencyFactory().pk,
                },
            )
        assert not Absence.objects.exists()

    def test_update_refuses_other_fields(self, intervenant_account):
        item = planning_item_create(
            account=intervenant_account,
            kind="absences",
            values={"start": START, "end": START + timedelta(hours=1)},
        )
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
