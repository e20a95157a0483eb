"""Each person's group: their portal accounts are its members, and explicit shares
(django-guardian) are granted to it, so every account of the person, present or
future, gets them with nothing re-granted."""

from django.contrib.auth.models import Group
from django.db import transaction


@transaction.atomic
def person_group_ensure(*, person) -> Group:
    if person.group_id is None:
        person.group = Group.objects.create(name=f"{person.portal_kind}-{person.pk}")
        person.save(update_fields=["group"])
        person.group.user_set.add(*person.accounts.all())
    return person.group


def person_group_join(*, account) -> None:
    person = account.person
    if person is not None and person.group_id is not None:
        account.groups.add(person.group_id)
