"""Portal accounts by the person's reference: by invitation only (no password travels,
nor the link), through the admin's services, each change an event in the outbox."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from access.models import AccountBatch, Agency, User
from integration.models import Event
from tests.factories import (
    AgencyFactory,
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
)
from tests.factories.integration import agency_url

pytestmark = pytest.mark.django_db

FACTORIES = {"clients": ClientFactory, "intervenants": IntervenantFactory}
# The routes of a person's account, generating one aside.
ON_THE_ACCOUNT = [
    ("get", "account"),
    ("delete", "account"),
    ("post", "account/regenerate"),
]


def events(agency):
    return list(
        Event.objects.filter(agency=agency, type__startswith="account.")
        .order_by("pk")
        .values_list("type", "data")
    )


def secrets_absent(answer):
    text = answer.content.decode()
    assert "password" not in text
    assert "http" not in text  # the invitation link is the e-mail's alone


@pytest.mark.parametrize("resource", ["clients", "intervenants"])
class TestOneAccount:
    def test_generate_invites_the_person_by_email(self, api, resource):
        person = FACTORIES[resource](agency=api.agency, external_ref="P-1")
        answer = api.post(agency_url(f"{resource}/P-1/account"))
        assert answer.status_code == 201, answer.content
        account = person.accounts.get()
        body = answer.json()
        assert body["id"] == account.pk
        assert (body["identifier"], body["status"], body["email_sent"]) == (
            person.email,
            "invited",
            True,
        )
        secrets_absent(answer)
        assert not account.has_usable_password()
        assert account.created_via == User.CreatedVia.INVITATION
        (message,) = mail.outbox
        assert message.to == [person.email]
        assert "http" in message.body  # the link to choose a password
        kind = resource[:-1]
        assert events(api.agency) == [
            ("account.created", {"account": account.pk, kind: person.pk})
        ]
        again = api.get(agency_url(f"{resource}/P-1/account"))
        assert again.status_code == 200
        assert again.json() == {
            key: body[key]
            for key in ("id", "identifier", "status", "email", "created_at")
        } | {"last_login": None}

    def test_a_second_generate_is_a_409_and_sends_nothing(self, api, resource):
        person = FACTORIES[resource](agency=api.agency, external_ref="P-1")
        PortalAccountFactory(person=person)
        answer = api.post(agency_url(f"{resource}/P-1/account"))
        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "account_exists"
        assert person.accounts.count() == 1
        assert not mail.outbox

    def test_regenerate_sends_a_new_invitation_and_kills_the_password(
        self, api, resource
    ):
        person = FACTORIES[resource](agency=api.agency, external_ref="P-1")
        account = PortalAccountFactory(person=person)
        assert api.get(agency_url(f"{resource}/P-1/account")).json()["status"] == (
            "active"
        )
        answer = api.post(agency_url(f"{resource}/P-1/account/regenerate"))
        assert answer.status_code == 200, answer.content
        assert (answer.json()["id"], answer.json()["status"]) == (account.pk, "invited")
        secrets_absent(answer)
        account.refresh_from_db()
        assert not account.has_usable_password()
        assert [message.to for message in mail.outbox] == [[person.email]]
        assert events(api.agency)[-1] == (
            "account.regenerated",
            {"account": account.pk, resource[:-1]: person.pk},
        )

    def test_delete_closes_the_account_the_person_stays(self, api, resource):
        person = FACTORIES[resource](agency=api.agency, external_ref="P-1")
        account_id = PortalAccountFactory(person=person).pk
        assert api.delete(agency_url(f"{resource}/P-1/account")).status_code == 204
        assert not User.objects.filter(pk=account_id).exists()
        person.refresh_from_db()
        assert events(api.agency)[-1] == (
            "account.deleted",
            {"account": account_id, resource[:-1]: person.pk},
        )
        for method, path in ON_THE_ACCOUNT:
            answer = getattr(api, method)(agency_url(f"{resource}/P-1/{path}"))
            assert answer.status_code == 404, (method, path)

    def test_unknown_reference_is_a_404(self, api, resource):
        for method, path in [("post", "account"), *ON_THE_ACCOUNT]:
            answer = getattr(api, method)(agency_url(f"{resource}/INCONNU/{path}"))
            assert answer.status_code == 404, (method, path)
            assert answer.json()["error"]["code"] == "not_found"


class TestRefusals:
    def test_no_email_is_a_409(self, api):
        ClientFactory(agency=api.agency, external_ref="P-1", email="")
        answer = api.post(agency_url("clients/P-1/account"))
        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "no_email"
        assert not User.objects.filter(portal__agency=api.agency).exists()

    def test_an_email_already_an_identifier_is_a_409(self, api):
        taken = PortalAccountFactory(person=ClientFactory(agency=AgencyFactory()))
        ClientFactory(agency=api.agency, external_ref="P-1", email=taken.username)
        answer = api.post(agency_url("clients/P-1/account"))
        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "identifier_unavailable"
        assert not mail.outbox

    def test_a_portal_switched_off_is_a_403(self, api):
        Agency.objects.filter(pk=api.agency.pk).update(intervenant_module=False)
        IntervenantFactory(agency=api.agency, external_ref="P-1")
        answer = api.post(agency_url("intervenants/P-1/account"))
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "module_disabled"

    def test_an_invitation_that_could_not_leave_keeps_the_account(
        self, api, monkeypatch
    ):
        def refuse(message, *args, **kwargs):
            raise OSError("relais indisponible")

        monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
        person = ClientFactory(agency=api.agency, external_ref="P-1")
        answer = api.post(agency_url("clients/P-1/account"))
        assert answer.status_code == 201
        body = answer.json()
        assert (body["status"], body["email_sent"]) == ("invited", False)
        assert "relais indisponible" in body["email_error"]
        secrets_absent(answer)
        assert person.accounts.exists()

    def test_a_retried_regenerate_with_its_key_sends_one_invitation(self, api):
        person = ClientFactory(agency=api.agency, external_ref="P-1")
        PortalAccountFactory(person=person)
        url = agency_url("clients/P-1/account/regenerate")
        first = api.post(url, HTTP_IDEMPOTENCY_KEY="r-1")
        again = api.post(url, HTTP_IDEMPOTENCY_KEY="r-1")
        assert again.json() == first.json()
        assert again["Idempotent-Replayed"] == "true"
        assert len(mail.outbox) == 1


class TestBulk:
    def test_generate_one_result_per_reference_through_the_batch(self, api):
        new = ClientFactory(agency=api.agency, external_ref="NEW")
        PortalAccountFactory(
            person=ClientFactory(agency=api.agency, external_ref="HAS")
        )
        ClientFactory(agency=api.agency, external_ref="NOMAIL", email="")
        refs = ["NEW", "HAS", "NOMAIL", "INCONNU", "NEW"]
        answer = api.post(
            agency_url("clients/accounts/bulk"),
            {"action": "generate", "refs": refs},
            format="json",
        )
        assert answer.status_code == 200, answer.content
        results = answer.json()["results"]
        assert [(row["result"], row.get("code")) for row in results] == [
            ("created", None),
            ("error", "account_exists"),
            ("error", "no_email"),
            ("error", "not_found"),
            ("error", "duplicate"),
        ]
        account = new.accounts.get()
        assert results[0] == {
            "external_ref": "NEW",
            "result": "created",
            "id": account.pk,
            "identifier": new.email,
            "status": "invited",
            "email_sent": True,
        }
        assert answer.json()["counts"] == {
            "created": 1,
            "regenerated": 0,
            "deleted": 0,
            "error": 4,
        }
        secrets_absent(answer)
        assert [message.to for message in mail.outbox] == [[new.email]]
        # The admin's batch, listed with the others.
        batch = AccountBatch.objects.get(agency=api.agency)
        assert (batch.delivery, batch.status, batch.total) == ("invitation", "done", 3)
        assert events(api.agency)[-1] == (
            "account.created",
            {"account": account.pk, "client": new.pk},
        )

    @pytest.mark.parametrize("action", ["regenerate", "delete"])
    def test_regenerate_and_delete_row_by_row(self, api, action):
        people = [
            IntervenantFactory(agency=api.agency, external_ref=ref)
            for ref in ("A", "B")
        ]
        accounts = [PortalAccountFactory(person=people[0])]
        answer = api.post(
            agency_url("intervenants/accounts/bulk"),
            {"action": action, "refs": ["A", "B"]},
            format="json",
        )
        assert answer.status_code == 200, answer.content
        results = answer.json()["results"]
        done = "regenerated" if action == "regenerate" else "deleted"
        assert [(row["result"], row.get("code")) for row in results] == [
            (done, None),
            ("error", "no_account"),
        ]
        assert results[0]["id"] == accounts[0].pk
        assert events(api.agency)[-1] == (
            f"account.{done}",
            {"account": accounts[0].pk, "intervenant": people[0].pk},
        )
        assert len(mail.outbox) == (1 if action == "regenerate" else 0)

    def test_a_retry_with_the_same_key_sends_nothing_again(self, api):
        ClientFactory(agency=api.agency, external_ref="NEW")
        body = {"action": "generate", "refs": ["NEW"]}
        url = agency_url("clients/accounts/bulk")
        first = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="g-1")
        again = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="g-1")
        assert again.json() == first.json()
        assert again["Idempotent-Replayed"] == "true"
        assert len(mail.outbox) == 1
        assert AccountBatch.objects.count() == 1

    @pytest.mark.parametrize(
        "body,field",
        [
            ({"action": "open", "refs": ["A"]}, "action"),
            ({"action": "generate", "refs": []}, "refs"),
            ({"action": "generate", "refs": [f"R{n}" for n in range(501)]}, "refs"),
        ],
    )
    def test_invalid_bodies(self, api, body, field):
        answer = api.post(agency_url("clients/accounts/bulk"), body, format="json")
        assert answer.status_code == 400
        assert field in answer.json()["error"]["fields"]
