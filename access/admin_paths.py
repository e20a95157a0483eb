"""URL patterns that more than one admin address table serves."""

from django.urls import path


def listing_paths(prefix: str, index_view, name: str | None = None, wrap=None) -> list:
    """An admin listing at `prefix` and its results at `prefix`results/ (what its
    search and filters reload), named `name` and `name`_results when a name is
    given, each view passed through `wrap` (a decorator) when one is. A hook
    registered before Wagtail's serves them at Wagtail's own addresses instead of
    its views."""

    def view(**options):
        served = index_view.as_view(**options)
        return wrap(served) if wrap else served

    def named(suffix=""):
        return {"name": f"{name}{suffix}"} if name else {}

    return [
        path(prefix, view(), **named()),
        path(f"{prefix}results/", view(results_only=True), **named("_results")),
    ]
