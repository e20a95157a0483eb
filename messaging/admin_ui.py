"""The Messages tab of a person's record."""

from django.utils.translation import gettext_lazy as _

from access.admin_ui import PersonPanel, PersonTab


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


# messages_panel.html sets the anchor #person-messages.
MESSAGES_TAB = PersonTab("messages", _("Messages"), PersonMessagesPanel)
