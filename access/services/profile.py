"""A person's own contact details, changed from their portal."""

import django.dispatch
from django.db import transaction

from access.policies import require_profile_change

PROFILE_FIELDS = ("phone", "email", "address", "postal_code", "city")

# Sent inside the change's transaction with the account, the person and the fields
# before and after: the planning's change log (and any later outbox) listens, so
# that access need not know who records what.
profile_changed = django.dispatch.Signal()


@transaction.atomic
def profile_update(*, account, values: dict):
    """The account's person's own contact details; the identifier never changes here
    and fields outside PROFILE_FIELDS are ignored. Only a care worker keeps theirs
    up to date: a family's profile is the agency's to change (403
    action_not_allowed)."""
    person = account.person
    require_profile_change(person)
    changed = [name for name in values if name in PROFILE_FIELDS]
    before = {name: getattr(person, name) for name in PROFILE_FIELDS}
    for name in changed:
        setattr(person, name, values[name])
    person.full_clean()
    # updated_at too: the agency API's lists (`updated_since`) must see the change.
    person.save(update_fields=[*changed, "updated_at"] if changed else [])
    after = {name: getattr(person, name) for name in PROFILE_FIELDS}
    profile_changed.send(
        sender=type(person), account=account, person=person, before=before, after=after
    )
    return person
