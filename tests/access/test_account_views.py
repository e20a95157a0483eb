"""The portal-account screens of the admin, driven as staff use them."""

import pytest
from django.core import mail
from django.urls import reverse

from access.models import AccountBatch, Client, SenderAddress, User
from tests.conftest import portal_url, signed_in
from tests.factories import ClientFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender(agency):
    return SenderAddress.objects.create(agency=agency, email="envoi@alpha.example")


def edit_url(person):
    return reverse(Client.snippet_viewset.get_url_name("edit"), args=[person.pk])


def generate_url(person):
    return reverse("access_admin:generate", args=["client", person.pk])


def generate(staff, person, **data):
    form = {"identifier": person.email, "delivery": "password", "auto_password": "on"}
    form.update(data)
    return staff.post(generate_url(person), {k: v for k, v in form.items() if v})


class TestRecordAndList:
    def test_the_record_says_whether_the_person_has_an_account(
        self, staff, client_person
    ):
        page = staff.get(edit_url(client_person)).content.decode()
        assert "Pas d'accès au portail" in page
        assert generate_url(client_person) in page
        account = PortalAccountFactory(person=client_person)
        page = staff.get(edit_url(client_person)).content.decode()
        assert "portail-status--active" in page
        assert "Portail actif" in page
        assert account.username in page
        assert reverse("access_admin:delete", args=[account.pk]) in page

    def test_the_list_shows_the_status_without_a_query_per_row(
        self, staff, agency, django_assert_max_num_queries
    ):
        PortalAccountFactory(person=ClientFactory(agency=agency))
        without = ClientFactory(agency=agency)
        list_url = reverse(Client.snippet_viewset.get_url_name("list"))
        with django_assert_max_num_queries(40) as few:
            page = staff.get(list_url).content.decode()
        assert page.count("Portail actif</span>") == 1
        assert generate_url(without) in page
        ClientFactory.create_batch(30, agency=agency)
        with django_assert_max_num_queries(len(few.captured_queries)):
            staff.get(list_url)


class TestGenerate:
    def test_the_page_shows_whose_account_is_made(self, staff, client_person):
        page = staff.get(generate_url(client_person)).content.decode()
        # In the <title>, the h1 (for screen readers) and the last breadcrumb,
        # which Wagtail shows as the visible title.
        assert page.count(f"Générer un accès au portail : {client_person}") == 3
        assert edit_url(client_person) in page

    def test_the_identifier_is_prefilled_with_the_email(self, staff, client_person):
        assert (
            'value="camille@example.org"'
            in staff.get(generate_url(client_person)).content.decode()
        )

    def test_an_automatic_password_is_shown_once(self, staff, client_person):
        page = generate(staff, client_person).content.decode()
        account = client_person.accounts.get()
        password = page.split("<code>")[1].split("</code>")[0]
        assert account.check_password(password)

    def test_an_identifier_taken_in_another_case_is_refused(
        self, staff, client_person, other_agency
    ):
        PortalAccountFactory(
            person=ClientFactory(agency=other_agency), identifier="CAMILLE@example.org"
        )
        page = generate(staff, client_person).content.decode()
        assert "Identifiant indisponible" in page
        assert not client_person.accounts.exists()

    def test_a_typed_password_goes_through_the_validators(self, staff, client_person):
        page = generate(
            staff, client_person, auto_password="", password="azerty"
        ).content.decode()
        assert "errorlist" in page or "error-message" in page
        assert not client_person.accounts.exists()

    def test_credentials_are_emailed_from_the_chosen_sender(
        self, staff, client_person, sender
    ):
        page = generate(
            staff, client_person, send_email="on", sender=sender.pk
        ).content.decode()
        assert "Envoyé par e-mail à camille@example.org" in page
        assert "<code>" not in page
        assert mail.outbox[0].from_email.endswith("<envoi@alpha.example>")

    def test_invitation_mode_shows_the_link_when_not_emailed(
        self, staff, client_person
    ):
        page = generate(staff, client_person, delivery="invitation").content.decode()
        assert "invitation?token=" in page
        assert not client_person.accounts.get().has_usable_password()

    def test_a_second_account_for_the_same_person(self, staff, client_person):
        PortalAccountFactory(person=client_person)
        generate(staff, client_person, identifier="fils@example.org")
        assert client_person.accounts.count() == 2

    def test_another_agency_person_is_not_found(self, staff, other_agency):
        stranger = ClientFactory(agency=other_agency)
        assert staff.get(generate_url(stranger)).status_code == 404
        assert generate(staff, stranger).status_code == 404
        assert not stranger.accounts.exists()

    def test_nothing_is_generated_when_the_module_is_off(
        self, staff, agency, client_person
    ):
        agency.client_module = False
        agency.save()
        response = generate(staff, client_person)
        assert response.status_code == 302
        assert not client_person.accounts.exists()


class TestRegenerateAndDelete:
    def test_regenerating_gives_new_credentials_and_revokes_tokens(
        self, staff, client_account
    ):
        api = signed_in(client_account)
        page = staff.post(
            reverse("access_admin:regenerate", args=[client_account.pk]),
            {"delivery": "password", "auto_password": "on"},
        ).content.decode()
        password = page.split("<code>")[1].split("</code>")[0]
        client_account.refresh_from_db()
        assert client_account.check_password(password)
        assert api.get(portal_url("alpha-clients", "me")).status_code == 401
        assert "Accès régénérés" in page and "Accès créé" not in page

    def test_the_regeneration_email_says_renewed(
        self, staff, client_account, sender, mailoutbox
    ):
        staff.post(
            reverse("access_admin:regenerate", args=[client_account.pk]),
            {
                "delivery": "password",
                "auto_password": "on",
                "send_email": "on",
                "sender": sender.pk,
            },
        )
        (message,) = mailoutbox
        assert message.subject == "Vos nouveaux accès au portail d'Agence alpha"
        assert "ont été renouvelés" in message.body
        assert "L'équipe d'Agence alpha" in message.body

    def test_deleting_asks_then_revokes_and_keeps_the_person(
        self, staff, client_account, client_person
    ):
        api = signed_in(client_account)
        url = reverse("access_admin:delete", args=[client_account.pk])
        assert "ses sessions et jetons" in staff.get(url).content.decode()
        assert staff.post(url).status_code == 302
        assert not User.objects.filter(pk=client_account.pk).exists()
        assert api.get(portal_url("alpha-clients", "me")).status_code == 401
        assert Client.objects.filter(pk=client_person.pk).exists()

    def test_another_agency_account_is_not_found(self, staff, other_agency):
        stranger = PortalAccountFactory(person=ClientFactory(agency=other_agency))
        for name in ("regenerate", "delete"):
            url = reverse(f"access_admin:{name}", args=[stranger.pk])
            assert staff.get(url).status_code == 404
            assert staff.post(url, {"delivery": "password"}).status_code == 404
        assert User.objects.filter(pk=stranger.pk).exists()


class TestBatch:
    URL = reverse("access_admin:batch_new", args=["client"])

    def test_people_without_email_are_flagged_and_cannot_be_selected(
        self, staff, agency
    ):
        ready = ClientFactory(agency=agency, email="ready@x.org")
        lost = ClientFactory(agency=agency, email="")
        page = staff.get(self.URL).content.decode()
        assert f'name="people" value="{ready.pk}"' in page
        assert f'value="{lost.pk}"' not in page
        assert "cette personne ne peut pas être sélectionnée" in page

    def test_people_with_an_account_are_not_listed(self, staff, client_account):
        assert client_account.username not in staff.get(self.URL).content.decode()

    def test_search_narrows_the_list(self, staff, agency):
        ClientFactory(agency=agency, first_name="Léa", last_name="Zorglub")
        ClientFactory(agency=agency, first_name="Paul", last_name="Martin")
        page = staff.get(self.URL, {"q": "zorg"}).content.decode()
        assert "Zorglub" in page and "Martin" not in page

    def test_select_all_generates_for_everyone_eligible_and_reports(
        self, staff, agency, sender, django_capture_on_commit_callbacks
    ):
        ClientFactory.create_batch(3, agency=agency)
        ClientFactory(agency=agency, email="")
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(
                self.URL,
                {
                    "select_all": "on",
                    "delivery": "invitation",
                    "sender": sender.pk,
                    "agency": agency.pk,
                },
            )
        batch = AccountBatch.objects.get()
        assert response.url == reverse("access_admin:batch", args=[batch.pk])
        assert (batch.status, batch.total, batch.processed) == ("done", 3, 3)
        assert len(mail.outbox) == 3
        detail = staff.get(response.url).content.decode()
        assert "3 sur 3 personnes traitées" in detail
        # One row per person, with its identifier and result.
        assert detail.count('data-result="created"') == 3
        for person in ClientFactory._meta.model.objects.filter(agency=agency).exclude(
            email=""
        ):
            assert person.email in detail
        csv = b"".join(
            staff.get(
                reverse("access_admin:batch_csv", args=[batch.pk])
            ).streaming_content
        ).decode()
        lines = csv.strip().splitlines()
        assert lines[0].startswith("person_id,")
        assert len(lines) == 4 and all(",created," in line for line in lines[1:])

    def test_the_sender_is_preselected(self, staff, agency, sender):
        page = staff.get(self.URL).content.decode()
        assert f'<option value="{sender.pk}" selected>' in page

    def test_a_form_error_keeps_the_ticked_people(self, staff, agency, sender):
        ticked, other = ClientFactory.create_batch(2, agency=agency)
        page = staff.post(
            self.URL, {"people": [ticked.pk], "agency": agency.pk, "sender": sender.pk}
        ).content.decode()
        assert "Champ requis." in page  # no delivery chosen
        assert f'value="{ticked.pk}" aria-label="{ticked}" data-person checked' in page
        assert f'value="{other.pk}" aria-label="{other}" data-person>' in page

    def test_the_page_title_names_the_kind_of_person(self, staff):
        page = staff.get(self.URL).content.decode()
        assert page.count("Création de portails : Clients") == 3

    def test_nothing_selected_is_refused(self, staff, agency, sender):
        ClientFactory(agency=agency)
        page = staff.post(
            self.URL, {"delivery": "password", "sender": sender.pk}
        ).content.decode()
        assert "Sélectionnez au moins une personne" in page
        assert not AccountBatch.objects.exists()

    def test_another_agency_batch_is_not_found(self, staff, other_agency):
        batch = AccountBatch.objects.create(
            agency=other_agency, kind="client", delivery="password"
        )
        assert (
            staff.get(reverse("access_admin:batch", args=[batch.pk])).status_code == 404
        )
        csv_url = reverse("access_admin:batch_csv", args=[batch.pk])
        assert staff.get(csv_url).status_code == 404

    def test_portal_accounts_cannot_reach_the_batch_screen(
        self, client, client_account
    ):
        client.force_login(
            client_account, backend="access.backends.PortalAccountBackend"
        )
        response = client.get(self.URL)
        # Wagtail sends anyone without admin access to the staff sign-in.
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
        assert not AccountBatch.objects.exists()


def test_nobody_left_reads_in_the_singular(staff, agency):
    # French: "0 personne", not "0 personnes".
    page = staff.get(
        reverse("access_admin:batch_new", args=["client"])
    ).content.decode()
    assert "0 personne sans accès au portail" in page
