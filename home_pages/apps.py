from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomePagesConfig(AppConfig):
    name = "home_pages"
    verbose_name = _("Pages des portails")

    def ready(self):
        from . import signals  # noqa: F401
