from django.conf import settings
from django.core.checks import Error, register

from .services import MODES


@register()
def staff_2fa_mode_is_known(app_configs, **kwargs):
    """A typo must not leave the admin without its second factor."""
    if settings.STAFF_2FA not in MODES:
        return [
            Error(
                f"DJANGO_STAFF_2FA={settings.STAFF_2FA!r} is not a known mode.",
                hint="Use required or optional.",
                id="access.E201",
            )
        ]
    return []
