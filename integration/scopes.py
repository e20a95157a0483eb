"""What an agency key may do: read and/or write, per resource."""

RESOURCES = ("clients", "intervenants", "interventions")
ACTIONS = ("read", "write")
SCOPES = tuple(f"{resource}:{action}" for resource in RESOURCES for action in ACTIONS)


def scope_for(resource: str, *, write: bool) -> str:
    return f"{resource}:{'write' if write else 'read'}"
