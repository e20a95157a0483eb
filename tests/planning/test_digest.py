from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from planning.digest import digest_agencies_of, digest_subscriptions_set
from planning.models import ChangeLog, DigestSubscription
from tests.conftest import admin_heading, sign_in
from tests.factories import StaffFactory
from tests.planning.changelog import logged_change

pytestmark = pytest.mark.django_db


class TestDigest:
    def test_off_by_default(self, agency, client_account):
        staff = StaffFactory(agency=agency)
        staff.email = "chef@alpha.example"
        staff.save()
        logged_change(client_account)
        call_command("send_planning_digest", stdout=open("/dev/null", "w"))
        assert mail.outbox == []

    def test_subscribers_get_their_agency_changes_of_the_last_day(
        self, client, agency, other_agency, client_account
    ):
        staff = StaffFactory(agency=agency)
        staff.email = "chef@alpha.example"
        staff.save()
        sign_in(client, staff)
        client.post(reverse("planning_admin:digest"), {"agency": [agency.pk]})
        assert DigestSubscription.objects.filter(user=staff, agency=agency).exists()
        logged_change(client_account)
        old = logged_change(client_account)
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
        staff = StaffFactory(agency=agency)
        staff.email = "chef@alpha.example"
        staff.save()
        DigestSubscription.objects.create(user=staff, agency=agency)
        logged_change(client_account, after={"reason": "Congé", "version": 1})
        logged_change(client_account)
        call_command("send_planning_digest", stdout=open("/dev/null", "w"))
        (message,) = mail.outbox
        assert message.subject == (
            "Portail d'Agence Démo : 2 modifications du planning"
        )
        assert "les portails d'Agence Démo" in message.body
        assert "Motif : Congé" in message.body
        assert "{" not in message.body and "create" not in message.body
        assert message.from_email == "Agence Démo <contact@demo.example>"

    def test_the_page_is_titled_by_its_name(self, client, agency):
        sign_in(client, StaffFactory(agency=agency))
        page = client.get(reverse("planning_admin:digest")).content.decode()
        assert admin_heading(page) == "Résumé quotidien du planning"

    def test_a_value_that_is_no_agency_is_ignored(self, client, agency):
        staff = StaffFactory(agency=agency)
        sign_in(client, staff)
        answer = client.post(reverse("planning_admin:digest"), {"agency": ["²", "x"]})
        assert answer.status_code == 302
        assert not DigestSubscription.objects.filter(user=staff).exists()

    def test_staff_cannot_subscribe_to_another_agency(
        self, client, agency, other_agency
    ):
        staff = StaffFactory(agency=agency)
        sign_in(client, staff)
        client.post(reverse("planning_admin:digest"), {"agency": [other_agency.pk]})
        assert not DigestSubscription.objects.filter(user=staff).exists()


class TestSubscriptions:
    """planning.digest's subscription service and read, called directly."""

    def test_set_subscribes_the_wanted_and_unsubscribes_the_others(
        self, agency, other_agency
    ):
        staff = StaffFactory(agency=agency)
        both = [agency, other_agency]
        digest_subscriptions_set(user=staff, agencies=both, wanted={str(agency.pk)})
        assert digest_agencies_of(user=staff, agencies=both) == [
            (agency, True),
            (other_agency, False),
        ]
        again = {str(other_agency.pk), "²"}  # not a number: ignored
        digest_subscriptions_set(user=staff, agencies=both, wanted=again)
        digest_subscriptions_set(user=staff, agencies=both, wanted=again)
        assert list(
            DigestSubscription.objects.filter(user=staff).values_list(
                "agency", flat=True
            )
        ) == [other_agency.pk]

    def test_an_agency_outside_the_choice_is_left_alone(self, agency, other_agency):
        staff = StaffFactory(agency=agency)
        DigestSubscription.objects.create(user=staff, agency=other_agency)
        digest_subscriptions_set(
            user=staff, agencies=[agency], wanted={str(other_agency.pk)}
        )
        assert DigestSubscription.objects.get(user=staff).agency == other_agency


def subscribed_staff(agency, email="chef@alpha.example"):
    staff = StaffFactory(agency=agency)
    staff.email = email
    staff.save()
    DigestSubscription.objects.create(user=staff, agency=agency)
    return staff


def send_digest():
    call_command("send_planning_digest", stdout=open("/dev/null", "w"))


class TestFormerStaff:
    def test_a_deactivated_subscriber_gets_no_digest(self, agency, client_account):
        staff = subscribed_staff(agency)
        type(staff).objects.filter(pk=staff.pk).update(is_active=False)
        logged_change(client_account)
        send_digest()
        assert mail.outbox == []

    def test_a_subscriber_no_longer_in_the_staff_group_gets_no_digest(
        self, agency, client_account
    ):
        staff = subscribed_staff(agency)
        # A raw delete, as a data fix would do it: no signal, sending still checks.
        type(staff).groups.through.objects.filter(user=staff).delete()
        logged_change(client_account)
        send_digest()
        assert mail.outbox == []

    def test_staff_still_in_the_group_keep_getting_it(self, agency, client_account):
        subscribed_staff(agency)
        gone = subscribed_staff(agency, email="parti@alpha.example")
        gone.groups.remove(agency.staff_group)
        logged_change(client_account)
        send_digest()
        (message,) = mail.outbox
        assert message.to == ["chef@alpha.example"]

    def test_leaving_the_staff_group_drops_the_subscription(self, agency):
        staff = subscribed_staff(agency)
        staff.groups.remove(agency.staff_group)
        assert not DigestSubscription.objects.filter(user=staff).exists()

    def test_being_removed_from_the_group_drops_the_subscription(self, agency):
        staff = subscribed_staff(agency)
        kept = subscribed_staff(agency, email="reste@alpha.example")
        agency.staff_group.user_set.remove(staff)
        assert not DigestSubscription.objects.filter(user=staff).exists()
        assert DigestSubscription.objects.filter(user=kept).exists()

    def test_clearing_a_users_groups_drops_all_their_subscriptions(
        self, agency, other_agency
    ):
        staff = subscribed_staff(agency)
        staff.groups.add(other_agency.staff_group)
        DigestSubscription.objects.create(user=staff, agency=other_agency)
        staff.groups.clear()
        assert not DigestSubscription.objects.filter(user=staff).exists()

    def test_clearing_the_staff_group_drops_its_subscriptions(
        self, agency, other_agency
    ):
        staff = subscribed_staff(agency)
        staff.groups.add(other_agency.staff_group)
        DigestSubscription.objects.create(user=staff, agency=other_agency)
        agency.staff_group.user_set.clear()
        assert list(
            DigestSubscription.objects.filter(user=staff).values_list(
                "agency", flat=True
            )
        ) == [other_agency.pk]

    def test_leaving_another_group_keeps_the_subscription(self, agency):
        from django.contrib.auth.models import Group

        staff = subscribed_staff(agency)
        other = Group.objects.create(name="Autre")
        staff.groups.add(other)
        staff.groups.remove(other)
        assert DigestSubscription.objects.filter(user=staff, agency=agency).exists()

    def test_deactivation_drops_the_subscription(self, agency):
        staff = subscribed_staff(agency)
        staff.is_active = False
        staff.save()
        assert not DigestSubscription.objects.filter(user=staff).exists()
