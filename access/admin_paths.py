"""URL patterns that more than one app's `register_admin_urls` hook serves."""

from django.urls import path


def listing_paths(prefix: str, index_view, name: str) -> list:
    """An admin listing at `prefix` and its results at `prefix`results/ (what its
    search and filters reload), named `name` and `name`_results. A hook registered
    before Wagtail's serves them at Wagtail's own addresses instead of its views."""
    return [
        path(prefix, index_view.as_view(), name=name),
        path(
            f"{prefix}results/",
            index_view.as_view(results_only=True),
            name=f"{name}_results",
        ),
    ]
