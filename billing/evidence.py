"""The evidence of a signature: an append-only chain of events, each hashed with the
one before it (SHA-256 over a canonical JSON form), so that editing, removing or
reordering any event shows."""

import hashlib
import json

from django.utils import timezone

from .models import Signature, SignatureEvent

GENESIS = "0" * 64


def file_sha256(file) -> str:
    """The SHA-256 of a Django file (an upload or an opened stored file), read in
    chunks."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _digest(previous: str, sequence: int, step: str, at, data: dict) -> str:
    body = json.dumps(
        {"sequence": sequence, "step": step, "at": at.isoformat(), "data": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(previous.encode() + body.encode()).hexdigest()


def evidence_append(*, signature: Signature, step: str, data: dict) -> SignatureEvent:
    """Add a step; the caller holds the signature's row lock, so that two steps never
    take the same place in the chain."""
    last = signature.events.order_by("-sequence").first()
    sequence = last.sequence + 1 if last else 1
    previous = last.hash if last else GENESIS
    at = timezone.now()
    event = SignatureEvent.objects.create(
        signature=signature,
        sequence=sequence,
        step=step,
        at=at,
        data=data,
        previous_hash=previous,
        hash=_digest(previous, sequence, step, at, data),
    )
    signature.evidence_head = event.hash
    Signature.objects.filter(pk=signature.pk).update(evidence_head=event.hash)
    return event


def evidence_verify(events, head: str | None = None) -> int | None:
    """The sequence of the first event that breaks the chain, or None when it holds;
    with the signature's `head`, events missing from the end break it too."""
    events = list(events)
    previous = GENESIS
    for expected, event in enumerate(events, 1):
        if (
            event.sequence != expected
            or event.previous_hash != previous
            or event.hash
            != _digest(previous, event.sequence, event.step, event.at, event.data)
        ):
            return event.sequence
        previous = event.hash
    if head is not None and previous != (head or GENESIS):
        return len(events) + 1
    return None


def evidence_json(signature: Signature) -> list[dict]:
    """The chain as embedded in the sealed PDF (preuve.json)."""
    return [
        {
            "sequence": event.sequence,
            "step": event.step,
            "at": event.at.isoformat(),
            "data": event.data,
            "previous_hash": event.previous_hash,
            "hash": event.hash,
        }
        for event in signature.events.order_by("sequence")
    ]
