from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "access.two_factor"
    label = "access_two_factor"
    verbose_name = _("Double authentification")

    def ready(self):
        from . import checks  # noqa: F401
