from django.apps import AppConfig


class PortalApiConfig(AppConfig):
    name = "portal_api"
    verbose_name = "Portal API"

    def ready(self):
        from . import schema  # noqa: F401  (registers the OpenAPI auth extensions)
