"""Reads of the portal pages for the API: always the published version."""

from access.models import Portal
from cms.statements import Statement

from .models import PortalPage

# The portal's row, config_version included, stands for everything the API reads
# of its page and agency (home_pages.signals raises the version): one indexed row,
# where loading the page with its portal and agency costs several times more.
_FIELDS = [field.attname for field in Portal._meta.concrete_fields]
_stamp = Statement(
    lambda key: Portal.objects.filter(key=key).values_list(*_FIELDS),
    str,
)
# key -> (stamp, page), for this process.
_live_pages: dict[str, tuple[tuple, PortalPage]] = {}


def portal_page_live_by_key(
    *, key: str, portal: Portal | None = None
) -> PortalPage | None:
    """The published page of the portal with this key, with portal and agency.

    The page object is shared by the requests of this process until its portal's
    row changes: callers read it and never modify it, and read what it points to
    (its logo, its links) from the database. `portal`: that row, when the caller
    has just read it.
    """
    if portal is not None and portal.key == key:
        # The caller has just read this portal's row (with a token, say).
        stamps = [tuple(getattr(portal, name) for name in _FIELDS)]
    else:
        stamps = _stamp.rows(key)
    if not stamps:
        _live_pages.pop(key, None)
        return None
    stamp = stamps[0]
    cached = _live_pages.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    page = (
        PortalPage.objects.live()
        .select_related("portal__agency")
        .filter(portal__key=key)
        .first()
    )
    if page is not None:
        _live_pages[key] = (stamp, page)
    return page
