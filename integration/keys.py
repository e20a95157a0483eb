"""Creating, revoking and checking agency API keys: the admin, the command and the
API's authentication all come here."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AgencyApiKey
from .scopes import SCOPES

# `last_used_at` is written at most this often per key: not one UPDATE per request.
LAST_USED_PRECISION = timedelta(minutes=1)


def api_key_create(
    *, agency, name: str, scopes=None, expiry_date=None
) -> tuple[AgencyApiKey, str]:
    """A new key of `agency` with `scopes` (every scope when none is given); the
    key itself is returned this once and never stored."""
    scopes = list(scopes) if scopes else list(SCOPES)
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValidationError(
            {
                "scopes": _("Droits inconnus : %(scopes)s.")
                % {"scopes": ", ".join(unknown)}
            }
        )
    if AgencyApiKey.objects.filter(agency=agency, name=name, revoked=False).exists():
        raise ValidationError(
            {"name": _("Une clé active de cette agence porte déjà ce nom.")}
        )
    with transaction.atomic():
        key = AgencyApiKey(
            agency=agency,
            name=name,
            scopes=sorted(set(scopes), key=SCOPES.index),
            expiry_date=expiry_date,
        )
        secret = AgencyApiKey.objects.assign_key(key)
        key.full_clean(exclude=["id", "prefix", "hashed_key"])
        key.save()
    return key, secret


def api_key_revoke(*, key: AgencyApiKey) -> None:
    if not key.revoked:
        key.revoke()


def api_key_for(secret: str) -> AgencyApiKey | None:
    """The usable key (not revoked, not expired) whose secret this is, or None."""
    prefix, dot, _rest = secret.partition(".")
    if not dot:
        return None
    key = (
        AgencyApiKey.objects.select_related("agency")
        .filter(prefix=prefix, revoked=False)
        .first()
    )
    if key is None or not key.is_valid(secret) or key.has_expired:
        return None
    return key


def api_key_used(*, key: AgencyApiKey) -> None:
    now = timezone.now()
    AgencyApiKey.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION),
        pk=key.pk,
    ).update(last_used_at=now)
