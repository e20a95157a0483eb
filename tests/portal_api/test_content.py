import pytest
from django.contrib.auth.models import AnonymousUser

from home_pages.services import portal_page_configure
from tests.conftest import portal_url, signed_in
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def client_page(agency):
    return agency.portals.get(kind="client").page


class TestConfig:
    def test_config_describes_the_portal(self, api, agency):
        body = api.get(portal_url("alpha-clients", "config")).json()
        assert body == {
            "key": "alpha-clients",
            "kind": "client",
            "name": "Portail clients",
            "address": "http://testserver/p/alpha-clients/",
            "agency": {"name": agency.name, "time_zone": "Europe/Paris"},
            "logo": None,
            "planning": {"default_view": "week"},
            "limits": {"upload_size": 20 * 1024 * 1024, "message_length": 5000},
        }

    def test_config_returns_small_and_large_logo_renditions(self, api, agency):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        logo = Image.objects.create(title="Logo", file=get_test_image_file())
        portal_page_configure(page=client_page(agency), logo=logo)
        logo_urls = api.get(portal_url("alpha-clients", "config")).json()["logo"]
        assert set(logo_urls) == {"small", "large"}
        assert logo_urls["small"].startswith("http://testserver/")
        assert logo_urls["small"] != logo_urls["large"]

    def test_unknown_portal_answers_404_in_the_error_shape(self, api, db):
        response = api.get(portal_url("nowhere", "config"))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


class TestModuleDisabled:
    @pytest.mark.parametrize(
        "method,path",
        [
            ("get", "config"),
            ("get", "home"),
            ("get", "me"),
            ("get", "menu"),
            ("post", "auth/login"),
            ("post", "auth/logout"),
            ("post", "auth/password"),
        ],
    )
    def test_every_endpoint_of_a_disabled_portal_answers_module_disabled(
        self, api, agency, method, path
    ):
        agency.intervenant_module = False
        agency.save()
        response = getattr(api, method)(portal_url("alpha-intervenants", path))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "module_disabled"

    def test_an_open_token_stops_working_when_the_module_is_switched_off(
        self, agency, client_account
    ):
        api = signed_in(client_account)
        agency.client_module = False
        agency.save()
        response = api.get(portal_url("alpha-clients", "me"))
        assert response.json()["error"]["code"] == "module_disabled"

    @pytest.mark.parametrize("path", ["config", "home"])
    def test_a_bulk_update_switching_the_module_off_shows_at_once(
        self, api, agency, path
    ):
        # No signal is sent by update(): the agency's row is read on every request.
        assert api.get(portal_url("alpha-clients", path)).status_code == 200
        type(agency).objects.filter(pk=agency.pk).update(client_module=False)
        response = api.get(portal_url("alpha-clients", path))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "module_disabled"

    def test_a_bulk_update_switching_the_module_off_stops_an_open_token(
        self, agency, client_account
    ):
        api = signed_in(client_account)
        assert api.get(portal_url("alpha-clients", "me")).status_code == 200
        type(agency).objects.filter(pk=agency.pk).update(client_module=False)
        response = api.get(portal_url("alpha-clients", "me"))
        assert response.json()["error"]["code"] == "module_disabled"


class TestHome:
    def test_message_mode_returns_the_welcome_message(self, api, agency):
        portal_page_configure(
            page=client_page(agency), home_mode="message", home_message="Bonjour !"
        )
        body = api.get(portal_url("alpha-clients", "home")).json()
        assert body == {
            "mode": "message",
            "title": "Portail clients",
            "message": "Bonjour !",
        }

    def test_url_mode_returns_the_external_url(self, api, agency):
        portal_page_configure(
            page=client_page(agency), home_mode="url", home_url="https://example.org/"
        )
        body = api.get(portal_url("alpha-clients", "home")).json()
        assert body["mode"] == "url"
        assert body["url"] == "https://example.org/"

    def test_html_mode_renders_the_page_blocks(self, api, agency):
        portal_page_configure(
            page=client_page(agency),
            home_mode="html",
            home_body=[
                ("heading", "Nos services"),
                ("paragraph", "<p>Aide à <b>domicile</b></p>"),
            ],
        )
        body = api.get(portal_url("alpha-clients", "home")).json()
        assert "<h2>Nos services</h2>" in body["html"]
        assert "<b>domicile</b>" in body["html"]

    def test_a_saved_draft_is_not_served_until_published(self, api, agency):
        page = client_page(agency)
        page.home_message = "Brouillon"
        page.save_revision()
        assert api.get(portal_url("alpha-clients", "home")).json()["message"] != (
            "Brouillon"
        )
        page.get_latest_revision().publish()
        assert api.get(portal_url("alpha-clients", "home")).json()["message"] == (
            "Brouillon"
        )

    def test_an_unpublished_portal_is_not_found(self, api, agency):
        client_page(agency).unpublish()
        assert api.get(portal_url("alpha-clients", "home")).status_code == 404


class TestMe:
    def test_me_shows_the_account_and_its_person(self, client_account):
        body = signed_in(client_account).get(portal_url("alpha-clients", "me")).json()
        assert body["account"] == {"identifier": "camille@example.org"}
        person = client_account.client
        assert body["person"]["kind"] == "client"
        assert body["person"]["first_name"] == person.first_name
        assert body["person"]["email"] == person.email

    def test_a_second_account_of_the_same_person_sees_the_same_person(
        self, client_account
    ):
        from tests.factories import PortalAccountFactory

        second = PortalAccountFactory(
            person=client_account.client, identifier="fils@example.org"
        )
        body = signed_in(second).get(portal_url("alpha-clients", "me")).json()
        assert body["person"]["id"] == client_account.client_id


class TestMenu:
    def test_only_enabled_sections_and_children_appear(self, agency, client_account):
        portal_page_configure(
            page=client_page(agency),
            menu_sections=["documents", "invoices", "planning", "quotes_unknown"][:3],
        )
        body = signed_in(client_account).get(portal_url("alpha-clients", "menu")).json()
        assert [s["key"] for s in body["sections"]] == ["documents", "planning"]
        assert body["sections"][0]["children"] == [
            {"key": "invoices", "label": "Mes factures"}
        ]

    def test_planning_section_carries_default_view_and_actions(
        self, agency, client_account
    ):
        portal_page_configure(
            page=client_page(agency),
            menu_sections=["planning"],
            planning_default_view="month",
            planning_absences=["view", "create"],
        )
        body = signed_in(client_account).get(portal_url("alpha-clients", "menu")).json()
        planning = body["sections"][0]
        assert planning["default_view"] == "month"
        assert planning["actions"] == {
            "interventions": [],
            "availabilities": [],
            "absences": ["view", "create"],
        }

    def test_extra_links_are_filled_with_the_person_and_url_encoded(
        self, agency, client_person, client_account
    ):
        client_person.external_ref = "A&B 1"
        client_person.save()
        portal_page_configure(
            page=client_page(agency),
            links=[
                ("Formulaire", "https://f.example.org/?c={client_id}&r={external_ref}")
            ],
        )
        body = signed_in(client_account).get(portal_url("alpha-clients", "menu")).json()
        assert body["links"] == [
            {
                "name": "Formulaire",
                "url": f"https://f.example.org/?c={client_person.pk}&r=A%26B%201",
            }
        ]

    def test_labels_follow_the_request_language(self, agency, client_account):
        api = signed_in(client_account)
        body = api.get(
            portal_url("alpha-clients", "menu"), HTTP_ACCEPT_LANGUAGE="en"
        ).json()
        assert body["sections"][0]["label"] == "My documents"


class TestQueryCounts:
    @pytest.mark.parametrize("size", [100, 1000])
    @pytest.mark.parametrize("path", ["me", "menu"])
    def test_query_count_does_not_grow_with_the_agency(
        self, agency, client_account, django_assert_num_queries, path, size
    ):
        api = signed_in(client_account)
        ClientFactory.create_batch(size, agency=agency)
        api.get(portal_url("alpha-clients", path))  # a warm process
        # Token with its account, person, portal and agency in one statement; the
        # page's configuration (links included) comes from the cache.
        with django_assert_num_queries(1):
            assert api.get(portal_url("alpha-clients", path)).status_code == 200


def test_anonymous_user_has_no_portal():
    assert not hasattr(AnonymousUser(), "portal_id")
