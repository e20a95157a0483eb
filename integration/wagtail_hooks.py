from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from access.selectors import agencies_for_staff


@hooks.register("register_admin_urls")
def integration_urls():
    return [path("integrations/", include("integration.admin_urls"))]


class IntegrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return agencies_for_staff(user=request.user).exists()


@hooks.register("register_settings_menu_item")
def integrations_menu():
    return IntegrationsMenuItem(
        _("Intégrations"), reverse("integration_admin:keys"), icon_name="key", order=900
    )
