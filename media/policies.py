"""Who may see one document on a portal (DESIGN.md section 4). Lists use the
selector's single indexed query; one document is checked here, with django-guardian's
checker for explicit shares."""

from guardian.core import ObjectPermissionChecker

PORTAL_VIEW = "view_portal_document"


class PortalDocumentPolicy:
    """Publication rules first (owner, agency audience), then explicit grants given
    to the person's group. Global permissions never count (accept_global_perms
    is False: a group-wide "view" must not open every document)."""

    def user_has_permission_for_instance(self, account, action, document) -> bool:
        if action != "view" or not document.is_published:
            return False
        person, kind = account.person, account.portal.kind
        if getattr(document, f"{kind}_id") == person.pk:
            return True
        if document.agency_id == account.portal.agency_id and getattr(
            document, f"for_{kind}s"
        ):
            return True
        if person.group_id is None or document.agency_id != person.agency_id:
            return False
        return ObjectPermissionChecker(person.group).has_perm(PORTAL_VIEW, document)


document_policy = PortalDocumentPolicy()
