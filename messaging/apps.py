from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    # Not "messages": that label is django.contrib.messages'.
    name = "messaging"
    verbose_name = _("Messagerie")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import Announcement, Conversation
        from .policies import AgencyStaffPolicy

        # Before any admin screen or selector asks access.staff_scope about them.
        for model in (Conversation, Announcement):
            register_permission_policy(model, AgencyStaffPolicy(model))
