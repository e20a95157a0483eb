"""What an agency key may do: read and/or write, per resource."""

RESOURCES = ("clients", "intervenants", "interventions")
ACTIONS = ("read", "write")
# Events are only read: the outbox is written by the portal side, never by a key.
SCOPES = (
    *(f"{resource}:{action}" for resource in RESOURCES for action in ACTIONS),
    "events:read",
)


def scope_for(resource: str, *, write: bool) -> str:
    return f"{resource}:{'write' if write else 'read'}"
