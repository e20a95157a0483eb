"""Writes spanning agencies and the page tree: an agency's pages and permissions."""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from access import services as access_services
from access.formatting import of_name
from access.models import Agency, Portal

from .links import validate_link_url
from .models import AgencyFolderPage, PortalLink, PortalPage

PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
DEFAULT_TITLES = {
    Portal.Kind.CLIENT: "Portail clients",
    Portal.Kind.INTERVENANT: "Portail intervenants",
}
DEFAULT_SECTIONS = {
    Portal.Kind.CLIENT: ["documents", "resources", "profile"],
    Portal.Kind.INTERVENANT: ["profile", "administrative", "other_documents"],
}


@transaction.atomic
def agency_create(**fields) -> Agency:
    """Create an agency and everything it needs (see `agency_setup`)."""
    return agency_setup(agency=access_services.agency_create(**fields))


@transaction.atomic
def agency_setup(*, agency: Agency) -> Agency:
    """Provision the agency, its folder page, one published page per portal, and
    the staff group's rights on exactly those pages and the agency's collection
    (idempotent)."""
    agency = access_services.agency_provision(agency=agency)
    folder = AgencyFolderPage.objects.filter(agency=agency).first()
    if folder is None:
        folder = Page.get_first_root_node().add_child(
            instance=AgencyFolderPage(
                title=agency.name, slug=f"agence-{agency.slug}", agency=agency
            )
        )
    for portal in agency.portals.all():
        if not PortalPage.objects.filter(portal=portal).exists():
            page = folder.add_child(
                instance=PortalPage(
                    title=DEFAULT_TITLES[portal.kind],
                    slug=portal.key,
                    portal=portal,
                    home_message=f"Bienvenue sur le portail {of_name(agency.name)}.",
                    menu_sections=DEFAULT_SECTIONS[portal.kind],
                )
            )
            page.full_clean()
            page.save_revision().publish()
    group = agency.staff_group
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=folder,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=agency.collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )
    return agency


@transaction.atomic
def portal_page_configure(*, page: PortalPage, links=(), **fields) -> PortalPage:
    """Change a portal page's settings and extra links, then publish them."""
    for name, value in fields.items():
        setattr(page, name, value)
    for _name, url in links:
        validate_link_url(url, page.kind)
    page.extra_links = [PortalLink(name=name, url=url) for name, url in links]
    page.full_clean()
    page.save_revision().publish()
    return page
