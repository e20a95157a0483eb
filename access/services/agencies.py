"""Agencies and their portals: creation, provisioning, identity."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection

from ..models import Agency, Portal

# Model permissions every agency's staff group holds; policies then scope them to the
# agency.
STAFF_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("access", "add_client"),
    ("access", "change_client"),
    ("access", "delete_client"),
    ("access", "view_client"),
    ("access", "add_intervenant"),
    ("access", "change_intervenant"),
    ("access", "delete_intervenant"),
    ("access", "view_intervenant"),
    ("access", "add_senderaddress"),
    ("access", "change_senderaddress"),
    ("access", "delete_senderaddress"),
    ("access", "view_senderaddress"),
    *[
        ("planning", f"{action}_{model}")
        for model in ("intervention", "availability", "absence", "coupon")
        for action in ("add", "change", "delete", "view")
    ],
    *[
        ("billing", f"{action}_{model}")
        for model in ("quote", "contract", "invoice", "terms")
        for action in ("add", "change", "delete", "view")
    ],
    # Signatures and payments are made by clients: staff only look at them.
    ("billing", "view_signature"),
    ("billing", "view_payment"),
]


def _permissions(pairs):
    query = Permission.objects.none()
    for app_label, codename in pairs:
        query = query | Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    return list(query)


@transaction.atomic
def agency_create(
    *,
    name: str,
    slug: str,
    plan: str = Agency.Plan.ESSENTIEL,
    client_module: bool = False,
    intervenant_module: bool = False,
    sender_emails: tuple[str, ...] = (),
) -> Agency:
    """Create an agency with its two portals, its staff group and its collection."""
    agency = Agency(
        name=name,
        slug=slug,
        plan=plan,
        client_module=client_module,
        intervenant_module=intervenant_module,
    )
    agency.full_clean()
    agency.save()
    for email in sender_emails:
        sender = agency.sender_addresses.model(agency=agency, email=email)
        sender.full_clean()
        sender.save()
    return agency_provision(agency=agency)


@transaction.atomic
def agency_provision(*, agency: Agency) -> Agency:
    """Give an agency what it needs and does not have yet (idempotent)."""
    for kind, suffix in (
        (Portal.Kind.CLIENT, "clients"),
        (Portal.Kind.INTERVENANT, "intervenants"),
    ):
        if not agency.portals.filter(kind=kind).exists():
            portal = Portal(agency=agency, kind=kind, key=f"{agency.slug}-{suffix}")
            portal.full_clean()
            portal.save()
    if agency.staff_group is None:
        agency.staff_group = Group.objects.create(name=f"Agence {agency.slug}")
    agency.staff_group.permissions.add(*_permissions(STAFF_MODEL_PERMISSIONS))
    if agency.collection is None:
        agency.collection = Collection.get_first_root_node().add_child(name=agency.name)
    agency.save(update_fields=["staff_group", "collection"])
    return agency


@transaction.atomic
def portal_identity_update(*, portal: Portal, key: str, hostname: str | None) -> Portal:
    portal.key = key
    portal.hostname = (hostname or "").strip().lower() or None
    portal.full_clean()
    portal.save(update_fields=["key", "hostname"])
    return portal
