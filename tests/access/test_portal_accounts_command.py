import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from access.models import AccountBatch, SenderAddress, User
from tests.factories import ClientFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("portal_accounts", *args, stdout=out)
    return out.getvalue()


def generate_for(person, *options):
    """`generate` on Alpha's client portal for one person."""
    return run(
        "generate", "--portal", "alpha-clients", "--person", str(person.pk), *options
    )


@pytest.fixture
def people(agency):
    return {
        "with_email": ClientFactory(agency=agency, email="a@x.org"),
        "without_email": ClientFactory(agency=agency, email=""),
        "with_account": PortalAccountFactory(
            person=ClientFactory(agency=agency)
        ).client,
    }


class TestGenerate:
    def test_all_prints_a_line_per_person_and_a_summary(self, people, agency):
        SenderAddress.objects.create(agency=agency, email="s@alpha.example")
        out = run("generate", "--portal", "alpha-clients", "--all", "--send-email")
        assert f"{people['with_email'].pk} " in out
        assert "skipped (no e-mail)" in out
        assert "skipped (already has an account)" in out
        assert out.strip().splitlines()[-1] == "Done: 1 created, 2 skipped."
        assert [m.to for m in mail.outbox] == [["a@x.org"]]

    def test_a_rerun_creates_nothing_new(self, people, agency):
        run("generate", "--portal", "alpha-clients", "--all")
        accounts = User.objects.filter(portal__agency=agency).count()
        out = run("generate", "--portal", "alpha-clients", "--all")
        assert "created" not in out.splitlines()[-1]
        assert User.objects.filter(portal__agency=agency).count() == accounts

    def test_chosen_people_only(self, people):
        out = generate_for(people["with_email"])
        assert out.count("created") == 2  # its line and the summary
        assert "password" in out

    def test_invitation_mode_prints_the_link_when_not_emailed(self, people):
        out = generate_for(people["with_email"], "--mode", "invitation")
        assert "invitation?token=" in out

    def test_a_person_of_another_portal_is_a_bad_argument(self, people, other_agency):
        stranger = ClientFactory(agency=other_agency)
        with pytest.raises(CommandError):
            run("generate", "--portal", "alpha-clients", "--person", str(stranger.pk))

    def test_an_unknown_portal_is_a_bad_argument(self, db):
        with pytest.raises(CommandError):
            run("generate", "--portal", "nowhere", "--all")

    def test_a_sender_of_another_agency_is_a_bad_argument(self, people, other_agency):
        SenderAddress.objects.create(agency=other_agency, email="s@beta.example")
        with pytest.raises(CommandError):
            run(
                "generate",
                "--portal",
                "alpha-clients",
                "--all",
                "--send-email",
                "--sender",
                "s@beta.example",
            )

    def test_an_unavailable_identifier_fails_with_exit_code_1(
        self, agency, other_agency
    ):
        PortalAccountFactory(
            person=ClientFactory(agency=other_agency), identifier="dup@x.org"
        )
        ClientFactory(agency=agency, email="DUP@x.org")
        with pytest.raises(SystemExit) as exit_:
            run("generate", "--portal", "alpha-clients", "--all")
        assert exit_.value.code == 1

    def test_emailed_rows_that_fail_exit_with_code_1(self, agency, other_agency):
        SenderAddress.objects.create(agency=agency, email="s@alpha.example")
        PortalAccountFactory(
            person=ClientFactory(agency=other_agency), identifier="dup@x.org"
        )
        dup = ClientFactory(agency=agency, email="DUP@x.org")
        fine = ClientFactory(agency=agency, email="fine@x.org")
        out = io.StringIO()
        with pytest.raises(SystemExit) as exit_:
            call_command(
                "portal_accounts",
                "generate",
                "--portal",
                "alpha-clients",
                "--all",
                "--send-email",
                stdout=out,
            )
        assert exit_.value.code == 1
        lines = out.getvalue().strip().splitlines()
        assert lines == [
            f"{dup.pk} {dup}: failed — Identifiant indisponible",
            f"{fine.pk} {fine}: created — fine@x.org, e-mailed",
            "Done: 1 created, 1 failed.",
        ]


class TestRegenerateAndDelete:
    def test_regenerate_prints_new_credentials(self, client_account):
        out = run(
            "regenerate",
            "--portal",
            "alpha-clients",
            "--identifier",
            client_account.username.upper(),
        )
        assert "regenerated" in out
        password = out.split("password ")[1].split()[0]
        client_account.refresh_from_db()
        assert client_account.check_password(password)

    def test_delete_removes_the_account(self, client_account):
        out = run(
            "delete",
            "--portal",
            "alpha-clients",
            "--identifier",
            client_account.username,
        )
        assert "deleted" in out
        assert not User.objects.filter(pk=client_account.pk).exists()

    def test_an_identifier_of_another_portal_is_a_bad_argument(self, client_account):
        with pytest.raises(CommandError):
            run(
                "delete",
                "--portal",
                "alpha-intervenants",
                "--identifier",
                client_account.username,
            )


class TestChannel:
    def test_printed_credentials_say_command_line(self, people):
        generate_for(people["with_email"])
        account = people["with_email"].accounts.get()
        assert account.created_via == User.CreatedVia.COMMAND

    def test_emailed_credentials_say_how_they_were_sent(self, people, agency):
        SenderAddress.objects.create(agency=agency, email="s@alpha.example")
        generate_for(people["with_email"], "--mode", "invitation", "--send-email")
        account = people["with_email"].accounts.get()
        # E-mailed credentials go out as a batch, which staff see in the admin.
        assert account.created_via == User.CreatedVia.BATCH
        assert AccountBatch.objects.get(agency=agency).total == 1

    def test_regenerated_and_printed_credentials_say_command_line(self, client_account):
        run(
            "regenerate",
            "--portal",
            "alpha-clients",
            "--identifier",
            client_account.username,
        )
        client_account.refresh_from_db()
        assert client_account.created_via == User.CreatedVia.COMMAND


def test_the_command_refuses_a_portal_whose_module_is_off(agency):
    agency.intervenant_module = False
    agency.save()
    with pytest.raises(CommandError):
        run("generate", "--portal", "alpha-intervenants", "--all")
