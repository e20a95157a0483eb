from datetime import timedelta

import pytest
from django.utils import timezone

from access.services import portal_account_regenerate
from home_pages.services import portal_page_configure
from tests.conftest import portal_url, signed_in
from tests.factories import PASSWORD, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_url(agency, intervenant_account, client_person):
    portal_page_configure(
        page=agency.portals.get(kind="intervenant").page,
        menu_sections=["planning"],
        planning_interventions=["view"],
    )
    InterventionFactory(
        client=client_person,
        intervenant=intervenant_account.intervenant,
        start=timezone.now() + timedelta(days=2),
        service="Aide, au lever",
    )
    response = signed_in(intervenant_account).post(
        portal_url("alpha-intervenants", "planning/feed")
    )
    assert response.status_code == 200
    return response.json()["url"]


class TestCalendarFeed:
    def test_the_secret_url_serves_the_persons_planning(
        self, api, feed_url, client_person
    ):
        response = api.get(feed_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        body = response.content.decode()
        assert body.startswith("BEGIN:VCALENDAR\r\n") and "END:VCALENDAR" in body
        assert "SUMMARY:Aide\\, au lever — " in body
        assert f"LOCATION:{client_person.address}" in body

    def test_a_wrong_or_missing_token_is_not_found(self, api, feed_url):
        assert api.get(feed_url[:-3] + "xyz").status_code == 404
        assert api.get(feed_url.split("?")[0]).status_code == 404

    def test_renewing_kills_the_previous_url(self, api, feed_url, intervenant_account):
        signed_in(intervenant_account).post(
            portal_url("alpha-intervenants", "planning/feed")
        )
        assert api.get(feed_url).status_code == 404

    def test_regenerating_the_account_revokes_the_feed(
        self, api, feed_url, intervenant_account
    ):
        portal_account_regenerate(account=intervenant_account, password=PASSWORD)
        assert api.get(feed_url).status_code == 404

    def test_the_url_works_on_its_own_portal_only(self, api, feed_url):
        other = feed_url.replace("alpha-intervenants", "alpha-clients")
        assert api.get(other).status_code == 404

    def test_anonymous_cannot_get_a_feed_url(self, api, agency):
        response = api.post(portal_url("alpha-intervenants", "planning/feed"))
        assert response.status_code == 401
