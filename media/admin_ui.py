"""The Documents tab of a person's record."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList

from access.admin_ui import PersonPanel


class PersonDocumentsPanel(PersonPanel):
    class BoundPanel(PersonPanel.BoundPanel):
        template_name = "media/admin/documents_panel.html"

        @property
        def documents(self):
            return list(self.instance.documents.order_by("-created_at", "-pk"))


def documents_tab(model):
    return ObjectList([PersonDocumentsPanel()], heading=_("Documents"))
