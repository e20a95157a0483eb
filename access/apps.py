from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = _("Agences et accès")

    def ready(self):
        from .client_ip import connect_signals

        connect_signals()
