"""Reads of the portals for the API: the portal's row on every request, and its
published page as an immutable snapshot held in Django's cache."""

import json
from dataclasses import dataclass

from django.core.cache import cache

from access.models import Portal

from .models import PLANNING_KINDS, PortalPage

# Snapshots are keyed by their portal's config_version, so an old one is never read
# again once the version moves: the timeout only bounds the memory they hold.
SNAPSHOT_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class PortalConfig:
    """What the API reads of a portal's published page, as plain frozen data.

    Shared by every request that reads the same version (through the cache, across
    processes when the cache is shared); nothing in it can be changed or points to
    a model. What may change without a new version (the logo image, the images of
    the home page) is kept as ids and read afresh by whoever shows it.
    """

    title: str
    home_mode: str
    home_url: str
    home_message: str
    home_body: str  # the StreamField's raw JSON
    menu_sections: tuple[str, ...]
    planning_default_view: str
    planning_interventions: tuple[str, ...]
    planning_availabilities: tuple[str, ...]
    planning_absences: tuple[str, ...]
    logo_id: int | None
    links: tuple[tuple[str, str], ...]  # (name, URL with placeholders), in order

    def planning_actions(self) -> dict[str, list[str]]:
        return {
            kind: list(getattr(self, f"planning_{kind}")) for kind in PLANNING_KINDS
        }


def portal_by_key(*, key: str) -> Portal | None:
    """The portal with this key and its agency, read from the database: its modules
    and its config_version hold from this very request on."""
    return Portal.objects.select_related("agency").filter(key=key).first()


def _snapshot(page: PortalPage) -> PortalConfig:
    return PortalConfig(
        title=page.title,
        home_mode=page.home_mode,
        home_url=page.home_url,
        home_message=page.home_message,
        home_body=json.dumps(list(page.home_body.raw_data)),
        menu_sections=tuple(page.menu_sections),
        planning_default_view=page.planning_default_view,
        planning_interventions=tuple(page.planning_interventions),
        planning_availabilities=tuple(page.planning_availabilities),
        planning_absences=tuple(page.planning_absences),
        logo_id=page.logo_id,
        links=tuple((link.name, link.url) for link in page.extra_links.all()),
    )


def portal_config(*, portal: Portal) -> PortalConfig | None:
    """The configuration of this portal's published page, as of the portal's
    config_version (home_pages.signals renews it); None when no version of the page
    is live."""
    cache_key = f"portal-config:{portal.key}:{portal.config_version}"
    config = cache.get(cache_key)
    if config is None:
        page = PortalPage.objects.live().filter(portal_id=portal.pk).first()
        if page is None:
            return None
        config = _snapshot(page)
        cache.set(cache_key, config, SNAPSHOT_SECONDS)
    return config
