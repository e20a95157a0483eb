"""The Documents tab of a person's record."""

from django.utils.translation import gettext_lazy as _

from access.admin_ui import PersonPanel, PersonTab


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
            return DOCUMENTS_TAB.url(self.instance)


# documents_panel.html sets the anchor #person-documents.
DOCUMENTS_TAB = PersonTab("documents", _("Documents"), PersonDocumentsPanel)
