"""Change log entries written directly, for the tests that read them back."""

from planning.models import ChangeLog


def logged_change(account, **fields) -> ChangeLog:
    """An entry as a portal account's write leaves it: the agency, portal kind and
    person of the account; the creation of absence 1 unless `fields` say otherwise."""
    kind = "client" if account.client_id else "intervenant"
    values = {"item_kind": "absences", "item_id": 1, "action": "create", **fields}
    return ChangeLog.objects.create(
        agency=account.person.agency,
        account=account,
        portal_kind=kind,
        **{kind: account.person},
        **values,
    )
