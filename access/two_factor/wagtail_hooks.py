from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("double-authentification/", include("access.two_factor.urls"))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:devices"),
        "label": _("Double authentification"),
        "help_text": _("Votre application d'authentification et vos codes de secours."),
    }
