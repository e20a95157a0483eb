from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def invitation_links_reach_a_front_end(app_configs, **kwargs):
    """Invitation links must open the portal's front end, which posts the token to
    auth/invitation; the API itself has no page to show."""
    sample = settings.PORTAL_INVITATION_URL_TEMPLATE.format(
        address=settings.PORTAL_ADDRESS_TEMPLATE.format(key="k"), token="t"
    )
    if "/api/" in sample and not settings.DEBUG:  # development has no front end
        return [
            Warning(
                "DJANGO_INVITATION_URL_TEMPLATE points at the API, not at a front end.",
                hint="Set it to the front end's invitation page, e.g. "
                "https://portail.example.fr/invitation?token={token}.",
                id="cms.W001",
            )
        ]
    return []


@register(deploy=True)
def payments_are_real(app_configs, **kwargs):
    """The sandbox lets anyone mark an invoice paid from its checkout page: fine for
    a demo, never for an agency's clients."""
    if settings.PORTAL_PAYMENT_PROVIDER == "sandbox" and not settings.DEBUG:
        return [
            Error(
                "DJANGO_PAYMENT_PROVIDER is the sandbox: clients could mark invoices "
                "paid without paying.",
                hint="Set DJANGO_PAYMENT_PROVIDER=stripe with its keys, or leave it "
                "empty to offer no online payment.",
                id="cms.E002",
            )
        ]
    return []
