"""The overlap rule: an intervenant is not in two places at once.

Their visits (cancelled ones aside) and their absences take their time; an absence
may extend another absence. The rule is answered in memory, from the items read for
a span of each intervenant's time: one item's own span for a single write (two
queries, as a look-up would cost), or the spans of a whole bulk request read once
(`Conflicts(spans)` used with `in_use()`), so that a thousand rows do not cost two
thousand queries. Whoever writes under a read-ahead tells it (`record`)."""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import cache, reduce
from operator import or_

from django.db.models import Q

# Intervenants per query of a read-ahead: a condition each, well under SQLite's and
# PostgreSQL's limits on a statement's parameters.
CHUNK = 200

_active: ContextVar["Conflicts | None"] = ContextVar("planning_conflicts", default=None)


@dataclass(frozen=True)
class _Kept:
    """An item as it stands (a snapshot: the instance may be changed by a caller
    that then gives up, and only `record` says what was written)."""

    item: object
    start: datetime
    end: datetime
    is_absence: bool
    cancelled: bool


@cache
def _models():
    # Imported here, once: the models' clean() calls this module.
    from .models import Absence, Intervention

    return Intervention, Absence


def _key(item) -> tuple:
    """An item read or saved is known by its kind and id; one still to be inserted
    (a bulk request inserts its new rows together) by the object itself."""
    if item.pk is None:
        return (type(item).__name__, "new", id(item))
    return (type(item).__name__, item.pk)


def _kept(item) -> _Kept:
    intervention, absence = _models()
    return _Kept(
        item=item,
        start=item.start,
        end=item.end,
        is_absence=isinstance(item, absence),
        cancelled=isinstance(item, intervention)
        and item.status == intervention.Status.CANCELLED,
    )


def _blocks(other: _Kept, item, item_is_absence: bool) -> bool:
    """Whether `other` takes time that `item` may not share: the rule itself."""
    if other.cancelled or (item_is_absence and other.is_absence):
        return False
    return other.start < item.end and other.end > item.start


class Conflicts:
    """The intervenants' visits and absences over spans of their time."""

    def __init__(self, spans: dict | None = None):
        """`spans`: {intervenant id: (start, end)} to read at the first check."""
        self._wanted = dict(spans or {})
        self._read = {}  # intervenant id -> (start, end) already read
        self._items = defaultdict(dict)  # intervenant id -> {key: _Kept}
        self._owner = {}  # key -> intervenant id

    def conflict(self, item):
        """The first of the intervenant's visits, then of their absences, that
        shares time with `item` (the item itself aside), or None."""
        self._cover(item.intervenant_id, item.start, item.end)
        _intervention, absence = _models()
        is_absence = isinstance(item, absence)
        own = _key(item)
        found = [
            kept
            for key, kept in self._items[item.intervenant_id].items()
            if key != own and _blocks(kept, item, is_absence)
        ]
        if not found:
            return None
        first = min(found, key=lambda k: (k.is_absence, k.start, k.item.pk or 0))
        return first.item

    def record(self, item) -> None:
        """`item` as just written (or about to be inserted with the request's other
        new rows); kept under the intervenant it now has, if any."""
        self.forget(item)
        if item.intervenant_id is not None:
            key = _key(item)
            self._items[item.intervenant_id][key] = _kept(item)
            self._owner[key] = item.intervenant_id

    def forget(self, item) -> None:
        """Drops `item` as it was known (before its insert gave it an id, say)."""
        key = _key(item)
        owner = self._owner.pop(key, None)
        if owner is not None:
            self._items[owner].pop(key, None)

    @contextmanager
    def in_use(self):
        """Within the block, every overlap check (the models' clean()) answers from
        this read-ahead."""
        token = _active.set(self)
        try:
            yield self
        finally:
            _active.reset(token)

    def _cover(self, person, start, end) -> None:
        """Reads what is still to read: the spans given at construction, and this
        item's span where it lies outside what was read of its intervenant."""
        wanted, self._wanted = self._wanted, {}
        read = self._read.get(person)
        if read is None or start < read[0] or end > read[1]:
            wanted[person] = _hull((start, end), wanted.get(person))
        wanted = {p: _hull(span, self._read.get(p)) for p, span in wanted.items()}
        people = list(wanted)
        for i in range(0, len(people), CHUNK):
            within = reduce(
                or_,
                (
                    Q(intervenant_id=p, start__lt=wanted[p][1], end__gt=wanted[p][0])
                    for p in people[i : i + CHUNK]
                ),
            )
            for model in _models():
                for found in model.objects.filter(within):
                    key = _key(found)
                    # What this read-ahead was told is newer than the database.
                    if key not in self._owner:
                        self._items[found.intervenant_id][key] = _kept(found)
                        self._owner[key] = found.intervenant_id
        self._read.update(wanted)


def _hull(span, other):
    if other is None:
        return span
    return (min(span[0], other[0]), max(span[1], other[1]))


def intervenant_conflict(item):
    """The overlap rule for `item` (a visit or an absence of an intervenant): from
    the read-ahead in use, or from its own span."""
    return (_active.get() or Conflicts()).conflict(item)
