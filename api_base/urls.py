"""The routes both APIs serve alike."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView


def schema_routes(namespace: str, **settings):
    """`schema/` (OpenAPI, with these drf-spectacular `custom_settings`) and `docs/`
    (Swagger UI reading it). Open on purpose, and deaf to credentials: a schema
    describes and gives nothing away, and generated API clients send their
    Authorization header everywhere, so a stale or another portal's token must not
    turn it into a 401 (issue 11, item 15)."""
    return [
        path(
            "schema/",
            SpectacularAPIView.as_view(
                authentication_classes=[], custom_settings=settings or None
            ),
            name="schema",
        ),
        path(
            "docs/",
            SpectacularSwaggerView.as_view(
                url_name=f"{namespace}:schema", authentication_classes=[]
            ),
            name="docs",
        ),
    ]
