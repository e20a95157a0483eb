"""The API keeps each portal's live page in memory and checks one row per request."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home_pages.selectors import portal_page_live_by_key
from home_pages.services import portal_page_configure


def agency_page(page):
    # A fresh copy to change: the selector's page is shared and read-only.
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def key(agency):
    return agency.portals.get(kind="client").key


def test_a_known_page_costs_one_query(key, django_assert_num_queries):
    portal_page_live_by_key(key=key)
    with django_assert_num_queries(1):
        page = portal_page_live_by_key(key=key)
    assert page.portal.key == key


def test_a_publication_shows_at_once(key):
    page = portal_page_live_by_key(key=key)
    portal_page_configure(page=agency_page(page), home_message="Nouveau message")
    assert portal_page_live_by_key(key=key).home_message == "Nouveau message"


def test_a_draft_does_not_show(key):
    page = portal_page_live_by_key(key=key)
    draft = type(page).objects.get(pk=page.pk)
    draft.home_message = "Brouillon"
    draft.save_revision()
    assert portal_page_live_by_key(key=key).home_message != "Brouillon"


def test_an_unpublished_page_is_gone(key):
    page = portal_page_live_by_key(key=key)
    type(page).objects.get(pk=page.pk).unpublish()
    assert portal_page_live_by_key(key=key) is None


def test_a_change_of_agency_shows_at_once(agency, key):
    assert portal_page_live_by_key(key=key).portal.is_enabled
    agency.client_module = False
    agency.save()
    assert not portal_page_live_by_key(key=key).portal.is_enabled


def test_a_changed_key_stops_answering_at_the_old_one(agency, key):
    portal_page_live_by_key(key=key)
    agency.portals.filter(key=key).update(key="nouvelle-cle")
    assert portal_page_live_by_key(key=key) is None
    assert portal_page_live_by_key(key="nouvelle-cle").portal.key == "nouvelle-cle"


def test_a_logo_deleted_after_a_read_is_not_served(api, agency, key):
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    portal_page_configure(page=agency.portals.get(kind="client").page, logo=image)
    assert api.get(f"/api/v1/portals/{key}/config").json()["logo"]
    image.delete()
    assert api.get(f"/api/v1/portals/{key}/config").json()["logo"] is None


def test_a_home_image_deleted_after_a_read_is_left_out(api, agency, key):
    image = get_image_model().objects.create(title="i", file=get_test_image_file())
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        home_mode="html",
        home_body=[("image", image), ("heading", "Bonjour")],
    )
    assert "<img" in api.get(f"/api/v1/portals/{key}/home").json()["html"]
    image.delete()
    html = api.get(f"/api/v1/portals/{key}/home").json()["html"]
    assert "<img" not in html
    assert "Bonjour" in html
