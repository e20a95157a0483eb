"""The Messages tab of a person's record."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList

from access.admin_ui import PersonPanel, person_edit_url

MESSAGES_TAB = "#person-messages"


def messages_tab_url(person) -> str:
    return person_edit_url(person) + MESSAGES_TAB


class PersonMessagesPanel(PersonPanel):
    class BoundPanel(PersonPanel.BoundPanel):
        template_name = "messaging/admin/messages_panel.html"

        @property
        def conversations(self):
            from .selectors import conversations_for_staff

            return conversations_for_staff(self.request.user).filter(
                **{f"{self.kind}_id": self.instance.pk}
            )

        @property
        def notifications_enabled(self):
            from .services import person_notifications_enabled

            return person_notifications_enabled(self.instance)


def messages_tab(model):
    return ObjectList([PersonMessagesPanel()], heading=_("Messages"))
