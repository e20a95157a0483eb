"""Authentication backends: portal accounts sign in only to their own portal, staff only
to the admin. Identifiers match in their folded form (access.models.fold_identifier),
the same form the lock-out counters use."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import fold_identifier


def axes_identifier(request, credentials) -> str:
    """Lock-outs count per folded identifier, the form sign-in looks accounts up by,
    and per portal: failures on a public portal must never lock a staff member out of
    the admin."""
    credentials = credentials or {}
    username = fold_identifier(credentials.get("username") or "")
    portal = credentials.get("portal")
    return f"{portal.pk}:{username}" if portal is not None else username


class PortalAccountBackend(ModelBackend):
    def authenticate(
        self, request, username=None, password=None, portal=None, **kwargs
    ):
        if portal is None or username is None or password is None:
            return None
        User = get_user_model()
        user = (
            User.objects.filter(identifier_key=fold_identifier(username), portal=portal)
            .select_related("portal__agency", "client", "intervenant")
            .first()
        )
        if user is None:
            # Hash anyway so that an unknown identifier costs the same time as a known
            # one.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_portal_account else None


class StaffBackend(ModelBackend):
    """Wagtail admin sign-in; portal accounts never get in this way."""

    def authenticate(
        self, request, username=None, password=None, portal=None, **kwargs
    ):
        if portal is not None:
            return None
        user = super().authenticate(
            request, username=username, password=password, **kwargs
        )
        if user is None or user.is_portal_account:
            return None
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return None if user is None or user.is_portal_account else user
