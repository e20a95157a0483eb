import pytest

from home_pages.services import portal_page_configure
from planning.models import ChangeLog
from tests.conftest import portal_url, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile_on(agency):
    for kind in ("client", "intervenant"):
        portal_page_configure(
            page=agency.portals.get(kind=kind).page, menu_sections=["profile"]
        )


class TestProfile:
    def test_an_intervenant_updates_their_contact_details(
        self, profile_on, intervenant_account
    ):
        api = signed_in(intervenant_account)
        response = api.patch(
            portal_url("alpha-intervenants", "me"),
            {"phone": "07 11 22 33 44", "city": "Lille"},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()["person"]["phone"] == "07 11 22 33 44"
        assert response.json()["account"]["identifier"] == intervenant_account.username
        entry = ChangeLog.objects.get(item_kind="profile")
        assert entry.after["city"] == "Lille" and entry.before["city"] == "Lyon"

    def test_the_identifier_does_not_change(self, profile_on, intervenant_account):
        api = signed_in(intervenant_account)
        api.patch(
            portal_url("alpha-intervenants", "me"),
            {"email": "nouveau@x.org", "username": "pirate"},
            format="json",
        )
        intervenant_account.refresh_from_db()
        assert intervenant_account.username != "pirate"
        assert intervenant_account.intervenant.email == "nouveau@x.org"

    def test_a_bad_email_is_invalid(self, profile_on, intervenant_account):
        response = signed_in(intervenant_account).patch(
            portal_url("alpha-intervenants", "me"), {"email": "nope"}, format="json"
        )
        assert response.status_code == 400
        assert "email" in response.json()["error"]["fields"]

    @pytest.mark.parametrize(
        "sections,body",
        [
            (["profile"], {"phone": "0"}),
            (["profile"], {"email": "nope"}),  # refused before the body is read
            (["planning"], {"phone": "0"}),  # whatever the portal shows
        ],
    )
    def test_clients_see_their_profile_read_only(
        self, agency, client_account, sections, body
    ):
        portal_page_configure(
            page=agency.portals.get(kind="client").page, menu_sections=sections
        )
        person = client_account.client
        before = person.phone
        response = signed_in(client_account).patch(
            portal_url("alpha-clients", "me"), body, format="json"
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "action_not_allowed"
        person.refresh_from_db()
        assert person.phone == before

    def test_the_profile_section_off_answers_section_disabled(
        self, agency, intervenant_account
    ):
        portal_page_configure(
            page=agency.portals.get(kind="intervenant").page, menu_sections=["planning"]
        )
        response = signed_in(intervenant_account).patch(
            portal_url("alpha-intervenants", "me"), {"phone": "0"}, format="json"
        )
        assert response.json()["error"]["code"] == "section_disabled"
