"""Documents in the admin, and Wagtail's own document serving kept behind our checks."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import policy_registry

from access.admin_paths import listing_paths

from . import admin_wagtail
from .admin_documents import PortalDocumentCreateView, PortalDocumentIndexView
from .admin_ui import DOCUMENTS_TAB
from .locks import DELETION_REFUSED, locked_documents
from .models import PortalDocument


@hooks.register("before_serve_document")
def only_staff_of_the_documents_agency(document, request):
    """Wagtail's /documents/ URLs serve staff of the document's collection only.
    Portal users download through the API, which applies the portal rules."""
    policy = policy_registry.get_by_type(PortalDocument)
    user = request.user
    if not (
        user.is_authenticated
        and not getattr(user, "is_portal_account", False)
        and policy.user_has_any_permission_for_instance(
            user, ["change", "choose"], document
        )
    ):
        raise Http404


@hooks.register("register_admin_urls")
def document_admin_urls():
    return [path("documents-portail/", include("media.admin_urls"))]


# Our views at Wagtail's documents addresses (below documents/), with their names
# (after portal_documents_): the add page, and Wagtail's own views that
# media.admin_wagtail narrows to the staff member's documents.
DOCUMENT_VIEWS = [
    ("add/", PortalDocumentCreateView, "add"),
    ("delete/<int:document_id>/", admin_wagtail.DeleteView, "delete"),
    ("multiple/add/", admin_wagtail.MultipleAddView, "add_multiple"),
    (
        "multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
        admin_wagtail.CreateFromUploadedDocumentView,
        "create_from_upload",
    ),
    (
        "multiple/<int:doc_id>/delete/",
        admin_wagtail.MultipleDeleteView,
        "delete_multiple",
    ),
]


@hooks.register("register_admin_urls", order=-1)
def documents_listing_urls():
    """Our listing and DOCUMENT_VIEWS at Wagtail's own addresses (wagtaildocs:index,
    its results, wagtaildocs:add...): this hook runs before Wagtail's, so its
    patterns match first."""
    return [
        *listing_paths("documents/", PortalDocumentIndexView, "portal_documents"),
        *(
            path(f"documents/{route}", view.as_view(), name=f"portal_documents_{name}")
            for route, view, name in DOCUMENT_VIEWS
        ),
    ]


@hooks.register("before_bulk_action")
def keep_locked_documents(request, action_type, objects, action_view):
    """Bulk deletion stops, with a message, at the first locked document (the
    model refuses it anyway: this only says so instead of failing)."""
    if action_type != "delete" or list(action_view.models) != [PortalDocument]:
        return None
    ids = [document.pk for document in objects]
    if locked_documents(PortalDocument.objects.filter(pk__in=ids)).exists():
        messages.error(request, DELETION_REFUSED)
        return redirect(action_view.next_url)
    return None


hooks.register("register_person_tabs", DOCUMENTS_TAB)
