"""What the planning does when something else changes: former staff stop receiving
the digest (their subscriptions go when they leave an agency's staff group or are
deactivated; sending checks both as well), and a person's own profile changes join
the change log."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save

from access.services.profile import profile_changed

from .digest import digest_subscriptions_prune
from .models import ChangeLog, DigestSubscription


def digest_prune_on_group_change(
    sender, instance, action, reverse, pk_set, **kwargs
) -> None:
    """`user.groups.remove/clear()` (instance is the user) or
    `group.user_set.remove/clear()` (reverse: instance is the group)."""
    if action not in ("post_remove", "post_clear"):
        return
    if reverse:
        digest_subscriptions_prune(
            user_ids=pk_set if action == "post_remove" else None,
            group_ids=[instance.pk],
        )
    else:
        digest_subscriptions_prune(
            user_ids=[instance.pk],
            group_ids=pk_set if action == "post_remove" else None,
        )


def digest_prune_on_deactivation(sender, instance, created, **kwargs) -> None:
    if not created and not instance.is_active:
        DigestSubscription.objects.filter(user=instance).delete()


def profile_change_log(sender, account, person, before, after, **kwargs) -> None:
    """Staff read a care worker's own changes of their contact details with the
    planning's changes, in the same log."""
    ChangeLog.objects.create(
        agency_id=person.agency_id,
        account=account,
        portal_kind=account.portal.kind,
        item_kind="profile",
        item_id=person.pk,
        action="change",
        before=before,
        after=after,
        **{person.portal_kind: person},
    )


def connect() -> None:
    profile_changed.connect(profile_change_log, dispatch_uid="planning_profile_log")
    User = get_user_model()
    m2m_changed.connect(
        digest_prune_on_group_change,
        sender=User.groups.through,
        dispatch_uid="planning_digest_prune_on_group_change",
    )
    post_save.connect(
        digest_prune_on_deactivation,
        sender=User,
        dispatch_uid="planning_digest_prune_on_deactivation",
    )
