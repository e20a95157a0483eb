"""The Planning tab of a person's record: what their portal accounts changed."""

from django.utils.translation import gettext_lazy as _

from access.admin_ui import PersonPanel, PersonTab

from .changes import change_rows
from .models import ChangeLog


class ChangeLogPanel(PersonPanel):
    class BoundPanel(PersonPanel.BoundPanel):
        template_name = "planning/admin/change_log_panel.html"

        @property
        def rows(self):
            return change_rows(
                ChangeLog.objects.filter(**{self.kind: self.instance}).select_related(
                    "account", "agency"
                )[:50]
            )


PLANNING_TAB = PersonTab("planning", _("Modifications du planning"), ChangeLogPanel)
