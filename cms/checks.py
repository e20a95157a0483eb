from django.conf import settings
from django.core.checks import Warning, register


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
