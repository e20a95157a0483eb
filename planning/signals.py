"""Former staff stop receiving the planning digest: their subscriptions go when they
leave an agency's staff group or are deactivated (sending checks both as well)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save

from .digest import digest_subscriptions_prune
from .models import DigestSubscription


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


def connect() -> None:
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
