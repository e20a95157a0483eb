"""access.services.profile_update, called directly."""

import pytest
from django.core.exceptions import ValidationError

from access.errors import ApplicationError
from access.services import profile_update
from access.services.profile import profile_changed
from planning.models import ChangeLog

pytestmark = pytest.mark.django_db


def test_only_contact_fields_change_and_the_change_is_announced(intervenant_account):
    person = intervenant_account.intervenant
    heard = []

    def listener(**kwargs):
        heard.append(kwargs)

    profile_changed.connect(listener)
    try:
        profile_update(
            account=intervenant_account,
            values={"phone": "0696 00 00 00", "last_name": "Autre", "agency_id": 999},
        )
    finally:
        profile_changed.disconnect(listener)
    person.refresh_from_db()
    assert person.phone == "0696 00 00 00"
    assert person.last_name != "Autre" and person.agency_id != 999
    assert heard[0]["after"]["phone"] == "0696 00 00 00"
    # The planning's change log listens in the same transaction.
    assert ChangeLog.objects.get(item_kind="profile").after["phone"] == "0696 00 00 00"


def test_a_bad_value_changes_and_records_nothing(intervenant_account):
    with pytest.raises(ValidationError):
        profile_update(account=intervenant_account, values={"email": "pas une adresse"})
    intervenant_account.intervenant.refresh_from_db()
    assert intervenant_account.intervenant.email != "pas une adresse"
    assert not ChangeLog.objects.exists()


def test_a_family_cannot_change_its_profile(client_account):
    person = client_account.client
    with pytest.raises(ApplicationError) as refused:
        profile_update(account=client_account, values={"phone": "0696 00 00 00"})
    assert (refused.value.code, refused.value.status) == ("action_not_allowed", 403)
    person.refresh_from_db()
    assert person.phone != "0696 00 00 00"
    assert not ChangeLog.objects.exists()
