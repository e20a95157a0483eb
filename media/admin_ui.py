"""The Documents tab of a person's record."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel


class PersonDocumentsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "media/admin/documents_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        @property
        def kind(self):
            return self.instance.portal_kind

        @property
        def documents(self):
            return list(self.instance.documents.order_by("-created_at", "-pk"))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["self"] = self
            return context


def documents_tab(model):
    return ObjectList([PersonDocumentsPanel()], heading=_("Documents"))
