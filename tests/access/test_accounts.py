import math

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client as BrowserClient
from knox.models import AuthToken

from access.models import SenderAddress, User
from access.services import (
    INVITATION,
    PASSWORD,
    account_password_change,
    account_token_issue,
    identifier_is_available,
    password_generate,
    portal_account_delete,
    portal_account_generate,
    portal_account_regenerate,
)
from access.services.accounts import PASSWORD_ALPHABET, PASSWORD_LENGTH
from tests.conftest import portal_login, portal_url, signed_in
from tests.factories import PASSWORD as TEST_PASSWORD
from tests.factories import ClientFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender(agency):
    return SenderAddress.objects.create(
        agency=agency, email="accueil@alpha.example", display_name="Alpha"
    )


def login(identifier, password, key="alpha-clients"):
    """A sign-in from a browser of its own."""
    return portal_login(BrowserClient(), identifier, password, key)


class TestPasswordGenerate:
    def test_generated_passwords_carry_at_least_72_bits(self):
        assert PASSWORD_LENGTH * math.log2(len(set(PASSWORD_ALPHABET))) >= 72

    def test_generated_passwords_have_no_ambiguous_characters(self):
        password = "".join(password_generate() for _ in range(200))
        assert not set(password) & set("0Oo1lI")

    def test_generated_passwords_differ(self):
        assert len({password_generate() for _ in range(100)}) == 100


class TestGenerate:
    def test_identifier_defaults_to_the_persons_email(self, agency):
        person = ClientFactory(agency=agency, email="Anne@Example.org")
        credentials = portal_account_generate(person=person)
        assert credentials.account.username == "Anne@Example.org"
        assert credentials.account.client == person
        assert login("anne@example.org", credentials.password).status_code == 200

    def test_an_identifier_taken_in_another_case_is_unavailable(
        self, agency, other_agency
    ):
        PortalAccountFactory(
            person=ClientFactory(agency=other_agency), identifier="Taken@x.org"
        )
        with pytest.raises(ValidationError) as error:
            portal_account_generate(
                person=ClientFactory(agency=agency), identifier="taken@X.ORG"
            )
        assert error.value.message_dict["username"] == ["Identifiant indisponible"]

    def test_a_typed_password_goes_through_the_validators(self, agency):
        person = ClientFactory(agency=agency)
        with pytest.raises(ValidationError) as error:
            portal_account_generate(person=person, password="password")
        assert "password" in error.value.message_dict
        assert not person.accounts.exists()

    def test_a_typed_password_is_used(self, agency):
        person = ClientFactory(agency=agency, email="t@x.org")
        credentials = portal_account_generate(person=person, password=TEST_PASSWORD)
        assert credentials.password is None or credentials.password == TEST_PASSWORD
        assert login("t@x.org", TEST_PASSWORD).status_code == 200

    def test_a_person_without_email_needs_an_identifier(self, agency):
        person = ClientFactory(agency=agency, email="")
        with pytest.raises(ValidationError):
            portal_account_generate(person=person)
        credentials = portal_account_generate(person=person, identifier="sans-mail")
        assert credentials.account.username == "sans-mail"

    def test_a_person_may_hold_a_second_account(self, agency):
        person = ClientFactory(agency=agency, email="mere@x.org")
        first = portal_account_generate(person=person).account
        second = portal_account_generate(person=person, identifier="fils@x.org").account
        assert set(person.accounts.all()) == {first, second}
        assert signed_in_as(second).json()["person"]["id"] == person.pk

    def test_credentials_are_emailed_from_the_chosen_sender(self, agency, sender):
        person = ClientFactory(agency=agency, email="e@x.org", first_name="Élise")
        credentials = portal_account_generate(
            person=person, send_email=True, sender=sender
        )
        assert credentials.email_sent
        (message,) = mail.outbox
        assert message.to == ["e@x.org"]
        assert message.from_email == "Alpha <accueil@alpha.example>"
        assert "Bonjour Élise" in message.body
        assert credentials.password in message.body
        assert "http://testserver/p/alpha-clients/" in message.body
        assert credentials.password in message.alternatives[0][0]

    def test_without_a_chosen_sender_the_agency_sends_from_its_own_address(
        self, agency, sender
    ):
        person = ClientFactory(agency=agency)
        portal_account_generate(person=person, send_email=True)
        (message,) = mail.outbox
        assert message.from_email == "Alpha <accueil@alpha.example>"

    def test_an_agency_without_sender_address_still_signs_with_its_name(
        self, agency, settings
    ):
        settings.DEFAULT_FROM_EMAIL = "portail@service.example"
        portal_account_generate(person=ClientFactory(agency=agency), send_email=True)
        (message,) = mail.outbox
        assert message.from_email == "Agence alpha <portail@service.example>"

    def test_a_sender_of_another_agency_is_refused(self, agency, other_agency):
        foreign = SenderAddress.objects.create(agency=other_agency, email="x@b.example")
        with pytest.raises(ValidationError):
            portal_account_generate(
                person=ClientFactory(agency=agency), send_email=True, sender=foreign
            )

    def test_a_send_failure_keeps_the_account_and_says_so(
        self, agency, sender, settings
    ):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
        person = ClientFactory(agency=agency)
        credentials = portal_account_generate(
            person=person, send_email=True, sender=sender
        )
        assert not credentials.email_sent
        assert credentials.email_error
        assert person.accounts.exists()

    def test_the_password_is_stored_hashed(self, agency):
        credentials = portal_account_generate(person=ClientFactory(agency=agency))
        assert credentials.password not in credentials.account.password
        identify_hasher(credentials.account.password)


def signed_in_as(account):
    from django.contrib.auth import get_user_model

    api = signed_in(None)
    token = AuthToken.objects.create(user=get_user_model().objects.get(pk=account.pk))[
        1
    ]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get(portal_url(account.portal.key, "me"))


class TestSkipReason:
    """The one rule that bulk generation (batches, the command line) applies."""

    def test_a_person_with_an_account_or_without_email_is_left_out(self, agency):
        from access.services.accounts import Skip, portal_account_skip_reason

        has_one = PortalAccountFactory(
            person=ClientFactory(agency=agency, email="a@x.org")
        ).client
        both = PortalAccountFactory(
            person=ClientFactory(agency=agency), identifier="b@x.org"
        ).client
        both.email = ""
        assert portal_account_skip_reason(has_one) == Skip.HAS_ACCOUNT
        assert portal_account_skip_reason(both) == Skip.HAS_ACCOUNT
        assert portal_account_skip_reason(ClientFactory(agency=agency, email="")) == (
            Skip.NO_EMAIL
        )
        assert portal_account_skip_reason(ClientFactory(agency=agency)) is None

    def test_what_the_caller_knows_is_not_asked_again(
        self, agency, django_assert_num_queries
    ):
        from access.services.accounts import Skip, portal_account_skip_reason

        person = ClientFactory(agency=agency)
        with django_assert_num_queries(0):
            assert portal_account_skip_reason(person, has_account=True) == (
                Skip.HAS_ACCOUNT
            )
            assert portal_account_skip_reason(person, has_account=False) is None


class TestRegenerateAndDelete:
    def test_regenerating_revokes_tokens_and_sessions(self, agency, client_account):
        api = signed_in(client_account)
        browser = BrowserClient()
        browser.post(
            portal_url("alpha-clients", "auth/login"),
            {"identifier": client_account.username, "password": TEST_PASSWORD},
            content_type="application/json",
        )
        credentials = portal_account_regenerate(account=client_account)
        assert api.get(portal_url("alpha-clients", "me")).status_code == 401
        assert browser.get(portal_url("alpha-clients", "me")).status_code == 401
        assert login(client_account.username, TEST_PASSWORD).status_code == 401
        assert login(client_account.username, credentials.password).status_code == 200

    def test_deleting_revokes_everything_and_keeps_the_person(
        self, agency, client_account, client_person
    ):
        api = signed_in(client_account)
        portal_account_delete(account=client_account)
        assert api.get(portal_url("alpha-clients", "me")).status_code == 401
        assert not AuthToken.objects.filter(user_id=client_account.pk).exists()
        client_person.refresh_from_db()
        assert login(client_account.username, TEST_PASSWORD).status_code == 401

    def test_generating_again_after_deletion_gives_new_credentials(
        self, agency, client_account, client_person
    ):
        portal_account_delete(account=client_account)
        credentials = portal_account_generate(person=client_person)
        assert credentials.password != TEST_PASSWORD
        assert login(client_person.email, credentials.password).status_code == 200

    def test_staff_accounts_cannot_be_deleted_here(self, agency):
        from tests.factories import StaffFactory

        with pytest.raises(ValidationError):
            portal_account_delete(account=StaffFactory(agency=agency))


class TestModes:
    @pytest.mark.parametrize("mode", [PASSWORD, INVITATION])
    def test_each_mode_emails_what_the_person_needs(self, agency, sender, mode):
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency),
            mode=mode,
            send_email=True,
            sender=sender,
        )
        body = mail.outbox[0].body
        if mode == PASSWORD:
            assert credentials.password in body
            assert credentials.invitation_link is None
        else:
            assert credentials.password is None
            assert credentials.invitation_link in body
            assert not credentials.account.has_usable_password()


class TestChannel:
    """How an account's credentials reached their holder: the signature evidence
    shows it, so staff cannot sign with a password they typed unseen."""

    Via = User.CreatedVia

    @pytest.mark.parametrize(
        "arguments, via",
        [
            ({"mode": INVITATION, "send_email": True}, "invitation"),
            ({"mode": INVITATION}, "invitation_handed"),
            ({"send_email": True}, "password_emailed"),
            ({}, "password_handed"),
            ({"password": "Un mot de passe saisi 42"}, "password_typed"),
        ],
    )
    def test_each_way_of_generating_is_recorded(self, agency, arguments, via):
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), **arguments
        )
        credentials.account.refresh_from_db()
        assert credentials.account.created_via == via

    def test_an_email_that_failed_counts_as_handed_to_staff(self, agency, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
        credentials = portal_account_generate(
            person=ClientFactory(agency=agency), mode=INVITATION, send_email=True
        )
        credentials.account.refresh_from_db()
        assert credentials.account.created_via == self.Via.INVITATION_HANDED

    def test_regenerating_records_the_new_way(self, client_account):
        portal_account_regenerate(
            account=client_account, password="Un autre mot de passe 42"
        )
        client_account.refresh_from_db()
        assert client_account.created_via == self.Via.PASSWORD_TYPED


def test_no_account_is_generated_on_a_portal_whose_module_is_off(agency):
    from access.services import portal_account_generate
    from tests.factories import ClientFactory

    agency.client_module = False
    agency.save()
    person = ClientFactory(agency=agency)
    with pytest.raises(ValidationError):
        portal_account_generate(person=person)
    assert not person.accounts.exists()


class TestPasswordChange:
    NEW = "Un-tout-nouveau-secret-2026"

    def test_the_new_password_holds_and_other_devices_are_signed_out(
        self, client_account
    ):
        kept, _key = account_token_issue(account=client_account)
        account_token_issue(account=client_account)
        account_password_change(
            account=client_account,
            current_password=TEST_PASSWORD,
            new_password=self.NEW,
            keep_token=kept,
        )
        client_account.refresh_from_db()
        assert client_account.check_password(self.NEW)
        assert list(AuthToken.objects.filter(user=client_account)) == [kept]

    @pytest.mark.parametrize(
        ("current", "new", "field"),
        [
            ("pas-le-bon", NEW, "current_password"),
            (TEST_PASSWORD, "1234", "new_password"),
        ],
    )
    def test_a_refusal_names_its_field_and_changes_nothing(
        self, client_account, current, new, field
    ):
        account_token_issue(account=client_account)
        with pytest.raises(ValidationError) as error:
            account_password_change(
                account=client_account, current_password=current, new_password=new
            )
        assert list(error.value.message_dict) == [field]
        client_account.refresh_from_db()
        assert client_account.check_password(TEST_PASSWORD)
        assert AuthToken.objects.filter(user=client_account).exists()


def test_an_identifier_is_available_unless_another_account_holds_it(client_account):
    taken = client_account.username.upper()
    assert not identifier_is_available(taken)
    assert identifier_is_available(taken, exclude_pk=client_account.pk)
    assert identifier_is_available("personne@example.org")
