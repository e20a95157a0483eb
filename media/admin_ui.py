"""The Documents tab of a person's record."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList

from access.admin_ui import PersonPanel, person_edit_url

# The record opens on the tab that holds the element its URL's fragment names
# (documents_panel.html).
DOCUMENTS_TAB = "#person-documents"


def documents_tab_url(person) -> str:
    return person_edit_url(person) + DOCUMENTS_TAB


class PersonDocumentsPanel(PersonPanel):
    class BoundPanel(PersonPanel.BoundPanel):
        template_name = "media/admin/documents_panel.html"

        @property
        def documents(self):
            from .locks import locked_documents

            documents = self.instance.documents.order_by("-created_at", "-pk")
            locked = set(locked_documents(documents).values_list("pk", flat=True))
            documents = list(documents)
            for document in documents:
                # Signed, paid or sealed: neither unpublished nor deleted (locks.py).
                document.locked = document.pk in locked
            return documents

        @property
        def tab_url(self):
            """Where the document's edit and delete pages send staff back to."""
            return documents_tab_url(self.instance)


def documents_tab(model):
    return ObjectList([PersonDocumentsPanel()], heading=_("Documents"))
