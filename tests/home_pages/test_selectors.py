"""The API reads each portal's row on every request, and its published page as an
immutable snapshot held in Django's cache, keyed by the portal's config_version."""

import dataclasses

import pytest
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home_pages.selectors import PortalConfig, portal_by_key, portal_config
from home_pages.services import portal_page_configure


def page_of(portal):
    return type(portal).objects.get(pk=portal.pk).page


@pytest.fixture
def key(agency):
    return agency.portals.get(kind="client").key


def config_of(key):
    return portal_config(portal=portal_by_key(key=key))


def test_a_known_portal_costs_one_query(key, django_assert_num_queries):
    config_of(key)
    with django_assert_num_queries(1):
        config = config_of(key)
    assert config.title == "Portail clients"


def test_the_snapshot_is_plain_frozen_data(key):
    config = config_of(key)
    assert isinstance(config, PortalConfig)
    assert isinstance(config.menu_sections, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.title = "Autre"
    # What callers get to change is theirs, not the snapshot's.
    config.planning_actions()["interventions"].append("delete")
    assert "delete" not in config.planning_interventions


def test_the_snapshot_lives_in_the_cache_under_the_key_and_version(key):
    portal = portal_by_key(key=key)
    config = portal_config(portal=portal)
    assert cache.get(f"portal-config:{key}:{portal.config_version}") == config


def test_a_publication_shows_at_once(key):
    portal = portal_by_key(key=key)
    config_of(key)
    portal_page_configure(page=page_of(portal), home_message="Nouveau message")
    assert config_of(key).home_message == "Nouveau message"


def test_new_links_show_at_once(key):
    portal = portal_by_key(key=key)
    assert config_of(key).links == ()
    portal_page_configure(
        page=page_of(portal), links=[("Aide", "https://example.org/aide")]
    )
    assert config_of(key).links == (("Aide", "https://example.org/aide"),)


def test_a_draft_does_not_show(key):
    portal = portal_by_key(key=key)
    config_of(key)
    draft = page_of(portal)
    draft.home_message = "Brouillon"
    draft.save_revision()
    assert config_of(key).home_message != "Brouillon"


def test_an_unpublished_page_is_gone(key):
    portal = portal_by_key(key=key)
    config_of(key)
    page_of(portal).unpublish()
    assert config_of(key) is None


def test_the_agency_is_read_with_the_portal_on_every_request(agency, key):
    assert portal_by_key(key=key).is_enabled
    # update() sends no signal: nothing but the row itself can tell.
    type(agency).objects.filter(pk=agency.pk).update(client_module=False)
    assert not portal_by_key(key=key).is_enabled


def test_a_changed_key_stops_answering_at_the_old_one(agency, key):
    config_of(key)
    agency.portals.filter(key=key).update(key="nouvelle-cle")
    assert portal_by_key(key=key) is None
    assert config_of("nouvelle-cle").title == "Portail clients"


def test_a_logo_deleted_after_a_read_is_not_served(api, agency, key):
    image = get_image_model().objects.create(
        title="Logo", file=get_test_image_file(), collection=agency.collection
    )
    portal_page_configure(page=agency.portals.get(kind="client").page, logo=image)
    assert api.get(f"/api/v1/portals/{key}/config").json()["logo"]
    image.delete()
    assert api.get(f"/api/v1/portals/{key}/config").json()["logo"] is None


def test_a_home_image_deleted_after_a_read_is_left_out(api, agency, key):
    image = get_image_model().objects.create(
        title="i", file=get_test_image_file(), collection=agency.collection
    )
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
