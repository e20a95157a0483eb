from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import services

# Reachable before the second factor: signing in and out, the second factor's own
# pages, and what Wagtail's bare pages load (icons, translations).
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "two_factor:verify",
    "two_factor:setup",
}
STEP_VIEWS = {"verify": "two_factor:verify", "enrol": "two_factor:setup"}


class StaffTwoFactorMiddleware:
    """Staff who have not given their second factor in this session reach nothing but
    its pages: the admin, the documents and every other page send them to the code
    (or, when it is required and they have none, to setting up an app)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in OPEN_VIEWS:
            return None
        step = services.pending_step(request.user)
        if step is None:
            return None
        back = (
            request.get_full_path()
            if request.method == "GET"
            else reverse("wagtailadmin_home")
        )
        return redirect(f"{reverse(STEP_VIEWS[step])}?{urlencode({'next': back})}")
