"""The three kinds of planning item, in one registry.

A kind's name is its URL segment in the portal API, its key in the portal page's
action matrix and the `item_kind` of the change log. Everything that varies by kind
(its model, what a portal may set on it, whose items it holds, how staff read a
change to it) is here; the selectors, services, feed and change log read it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Absence, Availability, Intervention, PlanningItem


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[PlanningItem]
    # What a portal may set on an item of this kind.
    editable: tuple[str, ...]
    # The portals (person kinds) that have items of this kind.
    holders: tuple[str, ...]
    # How staff read a change to one: create, change, delete.
    titles: tuple[Promise, Promise, Promise]

    def holds(self, person_kind: str) -> bool:
        return person_kind in self.holders

    def title(self, action: str) -> Promise | None:
        actions = ("create", "change", "delete")
        return self.titles[actions.index(action)] if action in actions else None


INTERVENTIONS = Kind(
    name="interventions",
    model=Intervention,
    editable=("start", "end", "service"),
    holders=("client", "intervenant"),
    titles=(
        _("Ajout d'une intervention"),
        _("Modification d'une intervention"),
        _("Suppression d'une intervention"),
    ),
)
AVAILABILITIES = Kind(
    name="availabilities",
    model=Availability,
    editable=("start", "end"),
    holders=("intervenant",),
    titles=(
        _("Ajout d'une disponibilité"),
        _("Modification d'une disponibilité"),
        _("Suppression d'une disponibilité"),
    ),
)
ABSENCES = Kind(
    name="absences",
    model=Absence,
    editable=("start", "end", "reason"),
    holders=("client", "intervenant"),
    titles=(
        _("Ajout d'une absence"),
        _("Modification d'une absence"),
        _("Suppression d'une absence"),
    ),
)

KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (INTERVENTIONS, AVAILABILITIES, ABSENCES)
}
NAMES: tuple[str, ...] = tuple(KINDS)


def own_items(*, person, kind: str):
    """The person's own items of one kind: the only ones a portal may read or touch."""
    found = KINDS[kind]
    if not found.holds(person.portal_kind):
        return found.model.objects.none()
    return found.model.objects.filter(**{person.portal_kind: person})
