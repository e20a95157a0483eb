"""What happened in the domain, for the agency's software: the signal the domain
services send inside their change's transaction, with the agency, the event's type
and its data (ids only, never a message's content). The planning's and profiles'
changes have signals of their own, which carry more than an event. The
integration's outbox listens (integration/events.py), so that no domain app need
know it; Django signals run in the sender's thread, so the event rolls back with the
change."""

import django.dispatch

domain_event = django.dispatch.Signal()


def domain_event_send(sender, *, agency_id: int, type: str, data: dict) -> None:
    domain_event.send(sender=sender, agency_id=agency_id, type=type, data=data)
