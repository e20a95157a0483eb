"""Each person's group: their portal accounts are its members, and explicit shares
(django-guardian) are granted to it, so every account of the person, present or
future, gets them with nothing re-granted."""

from django.contrib.auth.models import Group
from django.db import transaction

from ..models import User


@transaction.atomic
def person_group_ensure(*, person) -> Group:
    if person.group_id is None:
        person.group = Group.objects.create(name=f"{person.portal_kind}-{person.pk}")
        person.save(update_fields=["group"])
        person.group.user_set.add(*person.accounts.all())
    return person.group


def person_groups_join(*, accounts) -> None:
    """New accounts join their person's group, if the person has one yet: one query
    for a whole batch chunk as for a single account."""
    through = User.groups.through
    through.objects.bulk_create(
        [
            through(user_id=account.pk, group_id=account.person.group_id)
            for account in accounts
            if account.person is not None and account.person.group_id is not None
        ],
        ignore_conflicts=True,  # joining twice is still one membership
    )


def person_group_join(*, account) -> None:
    person_groups_join(accounts=[account])
