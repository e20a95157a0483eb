from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Portail"

    def ready(self):
        from . import checks  # noqa: F401
