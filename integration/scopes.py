"""What an agency key may do: read and/or write, per resource."""

RESOURCES = (
    "clients",
    "intervenants",
    "interventions",
    # One pair per planning kind, as interventions: an agency may hand the
    # availabilities to its scheduling tool and keep the absences to its HR tool.
    "availabilities",
    "absences",
    # Portal accounts of its clients and intervenants, opened by invitation only.
    "accounts",
    # Documents (multipart uploads); quotes, contracts and invoices together, as
    # the agency's billing software keeps them.
    "documents",
    "billing",
    # Webhook endpoints: reading them never shows their secret.
    "webhooks",
)
ACTIONS = ("read", "write")
# Events are only read: the outbox is written by the portal side, never by a key.
SCOPES = (
    *(f"{resource}:{action}" for resource in RESOURCES for action in ACTIONS),
    "events:read",
)


def scope_for(resource: str, *, write: bool) -> str:
    return f"{resource}:{'write' if write else 'read'}"
