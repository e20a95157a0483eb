"""Reads of the portal pages for the API: always the published version."""

from .models import PortalPage


def portal_page_live_by_key(*, key: str) -> PortalPage | None:
    """The published page of the portal with this key, with portal and agency."""
    return (
        PortalPage.objects.live()
        .select_related("portal__agency")
        .filter(portal__key=key)
        .first()
    )
