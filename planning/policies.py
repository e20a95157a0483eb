"""What a portal lets its people do to their planning: the portal page's action
matrix (home_pages' `planning_<kind>` fields), read as one rule."""

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from access.errors import ApplicationError

from .kinds import KINDS


def require_action(actions: Mapping[str, Sequence[str]], kind: str, action: str):
    """Refuse with 403 action_not_allowed unless `kind` is a planning kind and the
    portal's matrix (`actions`, as PortalConfig.planning_actions() gives it) lets its
    people `action` (create, change, delete) items of it."""
    if kind not in KINDS or action not in actions.get(kind, ()):
        raise ApplicationError(
            "action_not_allowed",
            _("Cette action n'est pas autorisée sur ce portail."),
            status=403,
        )
