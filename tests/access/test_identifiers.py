"""Identifiers are compared in one folded form (NFKC + case folding) everywhere: at
sign-in, in the lock-out counters and when an account is created (issue 11, item 1).

Before, lock-outs counted under Python's `lower()` while sign-in matched with the
database's UPPER(): on PostgreSQL `clıent2` (dotless ı) opened `client2`'s account
with a fresh counter, and `ſ` (long s) did the same for an `s`."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from access.backends import axes_identifier
from access.models import User
from tests.conftest import portal_login
from tests.factories import PASSWORD, ClientFactory, PortalAccountFactory, StaffFactory

pytestmark = pytest.mark.django_db

DOTLESS_I, LONG_S = "\u0131", "\u017f"


def lock_out(api, identifier, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        portal_login(api, identifier, "wrong")
    assert portal_login(api, identifier).status_code == 429


def invitation_batch(client):
    """A batch of one invitation, to this client of the agency, run at once."""
    from access.models import SenderAddress
    from access.services import account_batch_create, account_batch_run

    return account_batch_run(
        batch=account_batch_create(
            agency=client.agency,
            kind="client",
            person_ids=[client.pk],
            delivery="invitation",
            sender=SenderAddress.objects.create(
                agency=client.agency, email="envoi@alpha.example"
            ),
        )
    )


class TestFolding:
    @pytest.mark.parametrize(
        ("typed", "folded"),
        [
            ("Client2@Demo.Example", "client2@demo.example"),
            (f"{LONG_S}am", "sam"),
            ("Straße", "strasse"),
            ("ＡＤＭＩＮ", "admin"),  # fullwidth letters
            (" admin ", "admin"),
            # Dotless ı is a letter of its own, never an i: it names another identifier.
            (f"cl{DOTLESS_I}ent2", f"cl{DOTLESS_I}ent2"),
        ],
    )
    def test_one_folded_form(self, typed, folded):
        from access.models import fold_identifier

        assert fold_identifier(typed) == folded

    def test_every_save_stores_the_folded_identifier(self, agency):
        user = User.objects.create_user("Straße", password=PASSWORD)
        assert user.identifier_key == "strasse"
        user.username = "Marie"
        user.save(update_fields=["username"])
        user.refresh_from_db()
        assert user.identifier_key == "marie"

    def test_natural_key_lookup_uses_the_folded_identifier(self, agency):
        staff = StaffFactory(agency=agency, username="sam")
        assert User.objects.get_by_natural_key(f"{LONG_S}AM") == staff
        with pytest.raises(User.DoesNotExist):
            User.objects.get_by_natural_key(f"{DOTLESS_I}sam")

    def test_axes_counts_under_the_folded_identifier(self, agency):
        portal = agency.portals.get(kind="client")
        assert axes_identifier(None, {"username": f"{LONG_S}AM"}) == "sam"
        assert (
            axes_identifier(None, {"username": "ＳＡＭ", "portal": portal})
            == f"{portal.pk}:sam"
        )


class TestPortalSignInAfterLockOut:
    """The variants either share the locked counter or name no account at all."""

    @pytest.mark.parametrize(
        ("identifier", "variant", "status"),
        [
            ("client2@demo.example", f"cl{DOTLESS_I}ent2@demo.example", 401),
            ("client2@demo.example", f"CL{DOTLESS_I}ENT2@demo.example", 401),
            ("sam@demo.example", f"{LONG_S}am@demo.example", 429),
            ("client2@demo.example", "ｃｌｉｅｎｔ2@demo.example", 429),
        ],
    )
    def test_a_variant_of_a_locked_identifier_is_refused(
        self, api, agency, settings, identifier, variant, status
    ):
        PortalAccountFactory(person=ClientFactory(agency=agency), identifier=identifier)
        lock_out(api, identifier, settings)
        response = portal_login(api, variant)
        assert response.status_code == status
        assert response.json()["error"]["code"] == (
            "locked_out" if status == 429 else "invalid_credentials"
        )

    def test_a_variant_never_opens_the_account(self, api, agency):
        PortalAccountFactory(
            person=ClientFactory(agency=agency), identifier="client2@demo.example"
        )
        assert portal_login(api, f"cl{DOTLESS_I}ent2@demo.example").status_code == 401
        assert portal_login(api, "ＣＬＩＥＮＴ2@demo.example").status_code == 200


class TestAdminSignInAfterLockOut:
    @pytest.mark.parametrize(
        ("variant", "status"),
        [(f"adm{DOTLESS_I}n", 200), (f"ADM{DOTLESS_I}N", 200), ("ＡＤＭＩＮ", 429)],
    )
    def test_a_variant_of_a_locked_identifier_is_refused(
        self, client, agency, settings, variant, status
    ):
        StaffFactory(agency=agency, username="admin")
        url = reverse("wagtailadmin_login")
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            client.post(url, {"username": "admin", "password": "wrong"})
        assert (
            client.post(url, {"username": "admin", "password": PASSWORD}).status_code
            == 429
        )
        response = client.post(url, {"username": variant, "password": PASSWORD})
        # 200: the form again, the identifier matching no account; never a 302.
        assert response.status_code == status
        assert "_auth_user_id" not in client.session

    def test_the_long_s_shares_the_counter(self, client, agency, settings):
        StaffFactory(agency=agency, username="boss")
        url = reverse("wagtailadmin_login")
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            client.post(url, {"username": f"bo{LONG_S}{LONG_S}", "password": "wrong"})
        response = client.post(url, {"username": "BOSS", "password": PASSWORD})
        assert response.status_code == 429


class TestCreation:
    FOLDING_TWINS = [
        ("sam@demo.example", f"{LONG_S}am@demo.example"),
        ("strasse@demo.example", "STRAßE@demo.example"),
        ("client2@demo.example", "ｃｌｉｅｎｔ2@demo.example"),
    ]

    @pytest.mark.parametrize(("first", "second"), FOLDING_TWINS)
    def test_a_portal_account_whose_identifier_folds_to_a_taken_one_is_refused(
        self, agency, first, second
    ):
        PortalAccountFactory(person=ClientFactory(agency=agency), identifier=first)
        with pytest.raises(ValidationError) as refusal:
            PortalAccountFactory(person=ClientFactory(agency=agency), identifier=second)
        assert refusal.value.message_dict == {"username": ["Identifiant indisponible"]}

    @pytest.mark.parametrize(("first", "second"), FOLDING_TWINS)
    def test_a_user_whose_identifier_folds_to_a_taken_one_is_invalid(
        self, agency, first, second
    ):
        StaffFactory(agency=agency, username=first)
        with pytest.raises(ValidationError) as refusal:
            User(username=second, password="unusable").full_clean()
        assert refusal.value.message_dict == {
            "username": [
                "Cet identifiant est déjà utilisé : les majuscules et les variantes "
                "d'une même lettre (ſ et s, ß et ss…) ne distinguent pas deux "
                "identifiants."
            ]
        }

    def test_the_admin_user_form_refuses_a_folding_twin(self, agency):
        from wagtail.users.forms import UserCreationForm

        StaffFactory(agency=agency, username="sam")
        form = UserCreationForm(
            data={
                "username": f"{LONG_S}am",
                "email": "sam2@demo.example",
                "first_name": "Sam",
                "last_name": "Deux",
                "password1": PASSWORD,
                "password2": PASSWORD,
            }
        )
        assert not form.is_valid()
        assert "ne distinguent pas deux identifiants" in str(form.errors["username"])

    def test_a_batch_refuses_a_folding_twin(self, agency):
        from access.models import AccountBatchItem

        PortalAccountFactory(
            person=ClientFactory(agency=agency), identifier="sam@demo.example"
        )
        twin = ClientFactory(agency=agency, email=f"{LONG_S}am@demo.example")
        batch = invitation_batch(twin)
        item = batch.items.get()
        assert item.result == AccountBatchItem.Result.FAILED
        assert item.message == "Identifiant indisponible"
        assert not twin.accounts.exists()

    def test_a_batch_stores_the_folded_identifier(self, agency):
        # Batches validate accounts like the single form: the e-mail must be a
        # valid address, so the folding shown here is the case's.
        person = ClientFactory(agency=agency, email="STRASSE@Demo.example")
        invitation_batch(person)
        assert person.accounts.get().identifier_key == "strasse@demo.example"

    def test_the_command_finds_an_account_by_its_folded_identifier(self, agency):
        import io

        from django.core.management import call_command

        account = PortalAccountFactory(
            person=ClientFactory(agency=agency), identifier="sam@x.org"
        )
        out = io.StringIO()
        call_command(
            "portal_accounts",
            "delete",
            "--portal",
            "alpha-clients",
            "--identifier",
            f"{LONG_S}AM@x.org",
            stdout=out,
        )
        assert not User.objects.filter(pk=account.pk).exists()


class TestDataMigration:
    def test_existing_rows_get_their_folded_identifier(self, agency):
        import importlib

        from django.apps import apps

        migration = importlib.import_module("access.migrations.0012_identifier_key")
        staff = StaffFactory(agency=agency, username="Straße")
        User.objects.filter(pk=staff.pk).update(identifier_key="")
        migration.fill_identifier_keys(apps, None)
        staff.refresh_from_db()
        assert staff.identifier_key == "strasse"
