"""`Idempotency-Key` on POST: the first successful answer is replayed for 24 hours
to a retry with the same key and body.

Kept in the database, not the cache: the answer reports rows that are in the
database, so it has to survive a restart and be seen by every worker, which the
default per-process cache is not; and the key is reserved by a unique row, so two
retries racing each other cannot both run."""

import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.errors import ApplicationError

from .models import IdempotentAnswer

TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def fingerprint(*, method: str, path: str, query: str, data) -> str:
    text = json.dumps([method, path, query, data], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _reserve(*, agency, key: str, print_: str):
    """The stored answer (status, body) to replay, or None when this request is the
    first and now holds the key."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ApplicationError.invalid_field(
            "Idempotency-Key",
            _("Clé d'idempotence vide ou trop longue (255 caractères au plus)."),
        )
    IdempotentAnswer.objects.filter(
        agency=agency, key=key, created_at__lt=timezone.now() - TTL
    ).delete()
    try:
        with transaction.atomic():
            IdempotentAnswer.objects.create(agency=agency, key=key, fingerprint=print_)
        return None
    except IntegrityError:
        pass
    stored = IdempotentAnswer.objects.get(agency=agency, key=key)
    if stored.fingerprint != print_:
        raise ApplicationError(
            "idempotency_key_reused",
            _("Cette clé d'idempotence a déjà servi pour une autre requête."),
            status=422,
        )
    if not stored.status:
        raise ApplicationError(
            "idempotency_in_progress",
            _("La première requête portant cette clé est en cours : réessayez."),
            status=409,
            retry_after=1,
        )
    return stored.status, stored.body


def idempotent(*, agency, key: str | None, print_: str, run):
    """(status, body, replayed): `run()` -> (status, body) once per key; a retry
    gets the first answer. A run that raises keeps nothing (it saved nothing), so
    a retry runs again."""
    if key is None:
        status, body = run()
        return status, body, False
    stored = _reserve(agency=agency, key=key, print_=print_)
    if stored is not None:
        return *stored, True
    try:
        status, body = run()
    except BaseException:
        IdempotentAnswer.objects.filter(agency=agency, key=key, status=0).delete()
        raise
    IdempotentAnswer.objects.filter(agency=agency, key=key).update(
        status=status, body=body
    )
    return status, body, False
