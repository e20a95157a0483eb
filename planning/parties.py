"""What one person sees of the other person of a visit, wherever the planning is
shown (the API, the calendar feed): one rule, so the two can never drift apart.

A family sees who comes by first name and initial; a care worker sees the client
they visit in full, with the address and phone they need to get there.
"""


def intervenant_for_client(intervenant) -> dict | None:
    if intervenant is None:
        return None
    initial = f"{intervenant.last_name[:1]}." if intervenant.last_name else ""
    return {"first_name": intervenant.first_name, "last_name": initial}


def client_for_intervenant(client) -> dict:
    return {
        "id": client.pk,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "address": client.address,
        "postal_code": client.postal_code,
        "city": client.city,
        "phone": client.phone,
    }


def other_party(intervention, viewer_kind: str) -> dict | None:
    """The other person of a visit as `viewer_kind` ("client" or "intervenant") may
    see them."""
    if viewer_kind == "client":
        return intervenant_for_client(intervention.intervenant)
    return client_for_intervenant(intervention.client)


def display_name(party: dict | None) -> str:
    if not party:
        return ""
    return " ".join(p for p in (party["first_name"], party["last_name"]) if p)


def address(party: dict | None) -> str:
    """The postal address a viewer may see, on one line, or ""."""
    if not party or not party.get("address"):
        return ""
    town = " ".join(p for p in (party.get("postal_code"), party.get("city")) if p)
    return ", ".join(p for p in (party["address"], town) if p)
