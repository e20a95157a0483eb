"""Who may see which document on a portal (DESIGN.md section 4), written once, as a
queryset: lists filter it, one document is looked up inside it."""

from functools import cache

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from .models import PortalDocument, PortalDocumentGroupObjectPermission

PORTAL_VIEW = "view_portal_document"


@cache
def portal_view_permission_id() -> int:
    return Permission.objects.get(
        content_type__app_label="media", codename=PORTAL_VIEW
    ).pk


class PortalDocumentPolicy:
    """Publication rules (owner, agency audience), then explicit grants given to the
    person's group, within the portal's agency. Global permissions never count (a
    group-wide "view" must not open every document), and neither does a grant on a
    document of another agency.

    The grants are read from guardian's direct foreign-key table by one indexed
    query, never through guardian's get_objects_for_user: its OR of subqueries
    makes the planner scan the table. Every branch of the rule then has its own
    index (owner, partial index per audience, primary key)."""

    def visible_to(self, account) -> QuerySet[PortalDocument]:
        """The published documents this portal account may see on its portal; none
        for an account of no portal."""
        portal, person = account.portal, account.person
        if portal is None or person is None:
            return PortalDocument.objects.none()
        kind = portal.kind
        # `is_published` inside every branch: SQLite uses a partial index for an OR
        # branch only when the branch itself implies the index's condition.
        rule = Q(**{f"{kind}_id": person.pk}, is_published=True) | Q(
            agency_id=portal.agency_id, is_published=True, **{f"for_{kind}s": True}
        )
        granted = self._granted_ids(person, portal.agency_id)
        if granted:
            rule |= Q(pk__in=granted, is_published=True)
        return PortalDocument.objects.filter(rule)

    def instances_user_has_permission_for(self, account, action) -> QuerySet:
        if action != "view":
            return PortalDocument.objects.none()
        return self.visible_to(account)

    def user_has_permission_for_instance(self, account, action, document) -> bool:
        return (
            self.instances_user_has_permission_for(account, action)
            .filter(pk=document.pk)
            .exists()
        )

    def _granted_ids(self, person, agency_id) -> list[int]:
        """Ids of the documents of this agency granted to the person's group. The
        agency is checked here, on the few grants, rather than in the documents
        query: there the planners would read the agency's whole index (PostgreSQL
        before ANALYZE: 200,500 index rows, 18 ms, in bench/documents.py)."""
        if person.group_id is None:
            return []
        return list(
            PortalDocumentGroupObjectPermission.objects.filter(
                group_id=person.group_id,
                permission_id=portal_view_permission_id(),
                content_object__agency_id=agency_id,
            ).values_list("content_object_id", flat=True)
        )


document_policy = PortalDocumentPolicy()
