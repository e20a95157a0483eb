"""The second factor's rules: who must give one, setting up an app, checking a code
(wrong ones count in axes: AXES_FAILURE_LIMIT, then AXES_COOLOFF_TIME) and the
recovery codes."""

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

MODES = {"required", "optional"}
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"


class LockedOut(Exception):
    """Too many wrong codes for this staff member: wait for the cool-off."""


def is_verified(user) -> bool:
    """Set by django-otp's middleware: this session has given the second factor."""
    return bool(getattr(user, "is_verified", lambda: False)())


def concerns(user) -> bool:
    """Staff only, superusers included: portal accounts never sign in to the admin."""
    return user.is_authenticated and not user.is_portal_account


def required() -> bool:
    # Anything but "optional" requires it: a typo never switches the factor off.
    return settings.STAFF_2FA != "optional"


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def has_app(user) -> bool:
    """Recovery codes are only issued with an app: the app alone tells."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def pending_step(user) -> str | None:
    """What this user must do before the admin: "verify" a code, "enrol" an app,
    or nothing."""
    if not concerns(user) or is_verified(user):
        return None
    if has_app(user):
        return "verify"
    return "enrol" if required() else None


def may_enrol(user) -> bool:
    """Setting up an app replaces the current one: only once this session has given
    the second factor, or while there is none to give."""
    return is_verified(user) or not has_app(user)


def enrolment_device(user) -> TOTPDevice:
    """The app being set up: the same secret until it is confirmed, so that reloading
    the page keeps what the phone has scanned."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows: it replaces any previous app, this
    session counts as verified, and fresh recovery codes are returned (to be shown
    once). None when the code is wrong."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(
            pk=device.pk, user_id=user.pk, confirmed=False
        )
        if not device.verify_token(normalize(code)):
            return None
        TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = regenerate_recovery_codes(user)
    _verified_session(request, device)
    return codes


def regenerate_recovery_codes(user) -> list[str]:
    """Ten new single-use codes; the previous ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user_id=user.pk).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user_id=user.pk).count()


def normalize(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _lockout_credentials(user) -> dict:
    # Its own axes identifier: signing in with the password again (which resets the
    # password's count) must not reset the count of wrong codes. A colon never
    # appears in a staff identifier.
    return {"username": f"2fa:{user.get_username().strip().lower()}"}


def verify(request, code: str) -> bool:
    """Check a code from the app or a recovery code (used up); right, the session
    counts as verified. Raises LockedOut while too many wrong codes were given."""
    user = request.user
    credentials = _lockout_credentials(user)
    if AxesProxyHandler.is_locked(request, credentials):
        raise LockedOut
    code = normalize(code)
    device = None
    if code:
        for candidate in django_otp.devices_for_user(user):
            device = django_otp.verify_token(user, candidate.persistent_id, code)
            if device is not None:
                break
    if device is None:
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
        return False
    _verified_session(request, device)
    axes_reset(username=credentials["username"])
    return True


def _verified_session(request, device) -> None:
    # A new session key, as at the password step: a session id obtained before the
    # second factor (fixed or seen) is worth nothing after it.
    request.session.cycle_key()
    django_otp.login(request, device)
