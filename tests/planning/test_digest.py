from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from planning.models import ChangeLog, DigestSubscription
from tests.conftest import sign_in
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def change(agency, account, **fields):
    return ChangeLog.objects.create(
        agency=agency,
        account=account,
        portal_kind="client",
        client=account.client,
        item_kind="absences",
        item_id=1,
        action="create",
        **fields,
    )


class TestDigest:
    def test_off_by_default(self, agency, client_account):
        staff = make_staff(agency)
        staff.email = "chef@alpha.example"
        staff.save()
        change(agency, client_account)
        call_command("send_planning_digest", stdout=open("/dev/null", "w"))
        assert mail.outbox == []

    def test_subscribers_get_their_agency_changes_of_the_last_day(
        self, client, agency, other_agency, client_account
    ):
        staff = make_staff(agency)
        staff.email = "chef@alpha.example"
        staff.save()
        sign_in(client, staff)
        client.post(reverse("planning_admin:digest"), {"agency": [agency.pk]})
        assert DigestSubscription.objects.filter(user=staff, agency=agency).exists()
        change(agency, client_account)
        old = change(agency, client_account)
        ChangeLog.objects.filter(pk=old.pk).update(
            at=timezone.now() - timedelta(days=3)
        )
        call_command("send_planning_digest", stdout=open("/dev/null", "w"))
        (message,) = mail.outbox
        assert message.to == ["chef@alpha.example"]
        assert message.body.count("Ajout d'une absence") == 1
        assert client_account.username in message.body

    def test_the_email_speaks_natural_french_from_the_agency_sender(
        self, agency, client_account
    ):
        from access.models import SenderAddress

        agency.name = "Agence Démo"
        agency.save(update_fields=["name"])
        SenderAddress.objects.create(
            agency=agency, email="contact@demo.example", display_name="Agence Démo"
        )
        staff = make_staff(agency)
        staff.email = "chef@alpha.example"
        staff.save()
        DigestSubscription.objects.create(user=staff, agency=agency)
        change(agency, client_account, after={"reason": "Congé", "version": 1})
        change(agency, client_account)
        call_command("send_planning_digest", stdout=open("/dev/null", "w"))
        (message,) = mail.outbox
        assert message.subject == (
            "Portail d'Agence Démo : 2 modifications du planning"
        )
        assert "les portails d'Agence Démo" in message.body
        assert "Motif : Congé" in message.body
        assert "{" not in message.body and "create" not in message.body
        assert message.from_email == "Agence Démo <contact@demo.example>"

    def test_staff_cannot_subscribe_to_another_agency(
        self, client, agency, other_agency
    ):
        staff = make_staff(agency)
        sign_in(client, staff)
        client.post(reverse("planning_admin:digest"), {"agency": [other_agency.pk]})
        assert not DigestSubscription.objects.filter(user=staff).exists()
