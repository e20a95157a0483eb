"""Interventions written by the agency's software, by its references: validated as
the admin validates them (full_clean), the overlap rule answering 409 `overlap`.

A bulk request reads ahead (`InterventionBatch`): the people, references and
overlapping items of all its rows in a few queries, and writes its changed and new
rows together: a row costs no query of its own."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import Client, Intervenant
from planning.conflicts import Conflicts
from planning.models import Intervention
from planning.services import planning_item_validate

from .bulk import bulk_upsert
from .models import InterventionRef
from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

FIELDS = ("client", "intervenant", "start", "end", "status", "service")
PEOPLE = {"client": Client, "intervenant": Intervenant}
# References per IN (...) list: a whole bulk request (MAX_ROWS), so that its
# read-ahead is three queries whatever its size; well under SQLite's (32,766) and
# PostgreSQL's (65,535) limits on a statement's parameters.
CHUNK = 1000
# Rows an INSERT writes (bulk_create); the changed rows are one UPDATE run for each
# (`_update_all`).
WRITE_BATCH = 100
UPDATED_FIELDS = [*FIELDS, "version", "updated_at"]


def _unknown(field, ref):
    return ValidationError(
        {field: _("Aucune fiche n'a la référence « %(ref)s ».") % {"ref": ref}}
    )


def _person(model, agency, field, ref):
    if ref is None:
        return None
    person = model.objects.filter(agency=agency, external_ref=ref).first()
    if person is None:
        raise _unknown(field, ref)
    return person


# Check constraints that clean() enforces already, the same rule with its own
# message (planning.models.check_ends_after_start: `end` after `start`). Validating
# them again costs a query in a savepoint, three statements a row, and can only
# agree with clean(): full_clean skips a constraint on a field that already has an
# error. A model with any other constraint has all of them validated.
SAME_AS_CLEAN = {"intervention_ends_after_start"}


def _constraints_repeat_clean(model) -> bool:
    return {c.name for c in model._meta.constraints} <= SAME_AS_CLEAN


def _validate(item, exclude=None, *, fast=False, naming=None):
    """The planning's validation (`planning_item_validate`: full_clean, the overlap
    rule as 409); `exclude`: fields already checked by the caller; `fast`: without
    the constraints clean() already enforces; `naming`: called with an overlap's
    conflicting item before it is named."""
    planning_item_validate(
        item,
        exclude=exclude,
        validate_constraints=not (fast and _constraints_repeat_clean(type(item))),
        before_naming=naming,
    )


def _chunks(items):
    items = sorted(set(items))
    return (items[i : i + CHUNK] for i in range(0, len(items), CHUNK))


class InterventionBatch:
    """The interventions of one request by the agency's references. Reads ahead, in
    the caller's transaction, what its rows name: the clients and intervenants by
    reference (the intervenants locked, in id order: the portal's services lock an
    intervenant to write in their time, so that two writers cannot both pass the
    overlap check), the references with their interventions (locked), and, at the
    first check of the overlap rule, the intervenants' visits and absences over the
    rows' times (`planning.conflicts`). Each row is then validated as a single PUT
    is and kept for `flush`, which writes the request's changed and new rows
    together.

    `upsert` raises a row's error before writing anything and leaves no trace of
    it: a bulk request needs no savepoint per row."""

    def __init__(self, *, agency, rows):
        """`rows`: [(external_ref, values, valid)] as bulk_upsert reads them."""
        self.agency = agency
        valid = [(ref, values) for ref, values, ok in rows if ok]
        self.people = {}
        for field, model in PEOPLE.items():
            wanted = {v.get(field) for _r, v in valid} - {None}
            found = {}
            for refs in _chunks(wanted):
                people = model.objects.filter(agency=agency, external_ref__in=refs)
                if model is Intervenant:
                    people = people.select_for_update().order_by("pk")
                found.update((person.external_ref, person) for person in people)
            # Asked and not found: None, an unknown reference.
            self.people[field] = {ref: found.get(ref) for ref in wanted}
        self.links = {ref: None for ref, _v in valid}
        for refs in _chunks(self.links):
            links = (
                InterventionRef.objects.select_for_update()
                .select_related("intervention")
                .filter(agency=agency, external_ref__in=refs)
                .order_by("pk")
            )
            self.links.update((link.external_ref, link) for link in links)
        self.conflicts = Conflicts(self._spans(valid))
        self.new = []  # references whose intervention is still to be inserted
        self.changed = {}  # id: intervention still to be written

    def _spans(self, valid) -> dict:
        """Each intervenant's time the rows touch: {intervenant id: (start, end)}."""
        spans = {}
        for ref, values in valid:
            start, end = values.get("start"), values.get("end")
            if "intervenant" in values:
                person = self.people["intervenant"].get(values["intervenant"])
                person = person and person.pk
            else:  # the visit keeps its intervenant
                link = self.links.get(ref)
                person = link and link.intervention.intervenant_id
            if person is None or start is None or end is None or end <= start:
                continue
            low, high = spans.get(person, (start, end))
            spans[person] = (min(low, start), max(high, end))
        return spans

    def _person(self, field, ref):
        if ref is None:
            return None
        known = self.people[field]
        if ref not in known:  # not read ahead
            known[ref] = (
                PEOPLE[field]
                .objects.filter(agency=self.agency, external_ref=ref)
                .first()
            )
        if known[ref] is None:
            raise _unknown(field, ref)
        return known[ref]

    def _link(self, external_ref):
        if external_ref not in self.links:  # not read ahead
            self.links[external_ref] = (
                InterventionRef.objects.select_for_update()
                .select_related("intervention")
                .filter(agency=self.agency, external_ref=external_ref)
                .first()
            )
        return self.links[external_ref]

    def _validate(self, item, known):
        with self.conflicts.in_use():
            _validate(item, exclude=known, fast=True, naming=self._named)

    def _named(self, conflict):
        # A conflict among this request's new rows is named by its id.
        if conflict.pk is None:
            self.flush()

    def upsert(self, external_ref, values):
        """(intervention, result), as `intervention_upsert`; a new intervention has
        its id once `flush` has run."""
        # No `intervenant` key (an import without the column): the visit keeps its
        # intervenant; a new one has none yet. The API always sends the key.
        values = {
            **values,
            **{
                name: self._person(name, values[name])
                for name in PEOPLE
                if name in values
            },
        }
        # Foreign keys full_clean need not read again, one query each: the agency is
        # the caller's, the people were found by reference in it just now.
        known = ["agency", *(name for name in PEOPLE if values.get(name) is not None)]
        link = self._link(external_ref)
        if link is None:
            link = InterventionRef(agency=self.agency, external_ref=external_ref)
            # The reference's own rules (its length) before anything is written.
            link.full_clean(
                exclude=["agency", "intervention"], validate_constraints=False
            )
            item = Intervention(agency=self.agency, **values)
            self._validate(item, known)
            link.intervention = item
            self.links[external_ref] = link
            self.new.append(link)
            self.conflicts.record(item)
            return item, CREATED
        item = link.intervention
        changed = {}
        for name, value in values.items():
            if name in PEOPLE:
                if getattr(item, f"{name}_id") != getattr(value, "pk", None):
                    changed[name] = value
                elif value is not None:
                    setattr(item, name, value)  # the same row: no query to read it
            elif getattr(item, name) != value:
                changed[name] = value
        if not changed:
            return item, UNCHANGED
        # Rejected, the row leaves the intervention as it was: a later row of the
        # request may name the same reference.
        before = {
            field.attname: getattr(item, field.attname)
            for field in (Intervention._meta.get_field(name) for name in changed)
        }
        for name, value in changed.items():
            setattr(item, name, value)
        try:
            self._validate(item, known)
        except BaseException:
            for attname, value in before.items():
                setattr(item, attname, value)
            raise
        # A new version: a portal holding the old one must read it again (ETag).
        item.version += 1
        if item.pk is not None:  # a new one is inserted by flush as it is then
            self.changed[item.pk] = item
        self.conflicts.record(item)
        return item, UPDATED

    def flush(self) -> None:
        """Writes the rows kept so far, a few statements for the whole request:
        the changed interventions, the new ones and their references. A reference
        another writer has inserted meanwhile fails it (IntegrityError): the request
        runs again and finds it."""
        if self.changed:
            _update_all(self.changed.values())
            self.changed = {}
        if not self.new:
            return
        items = [link.intervention for link in self.new]
        for item in items:
            self.conflicts.forget(item)
        Intervention.objects.bulk_create(items, batch_size=WRITE_BATCH)
        # Each reference takes its intervention's new id (as save() would).
        InterventionRef.objects.bulk_create(self.new, batch_size=WRITE_BATCH)
        for item in items:
            self.conflicts.record(item)
        self.new = []


def _update_all(items) -> None:
    """The changed interventions written as save() writes them (every field, the
    date of change), one statement run for all the rows. Hand-written: Django's
    bulk_update builds a CASE per field and row, 3.9 s of Python for the 1,000
    rows of a request (254 rows/s in `make bench`, in-process), and save() a query
    built for each; this costs the database's time alone."""
    now = timezone.now()
    fields = [Intervention._meta.get_field(name) for name in UPDATED_FIELDS]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(Intervention._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(Intervention._meta.pk.column),
    )
    rows = []
    for item in items:
        item.updated_at = now  # auto_now, as save() would
        rows.append(
            [
                *(
                    field.get_db_prep_save(getattr(item, field.attname), connection)
                    for field in fields
                ),
                item.pk,
            ]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@once_more_on_conflict
@transaction.atomic
def intervention_upsert(*, agency, external_ref: str, values: dict):
    """(intervention, result). `values["client"]` and `["intervenant"]` are the
    agency's references (the intervenant's may be None: not yet staffed)."""
    batch = InterventionBatch(agency=agency, rows=[(external_ref, values, True)])
    answer = batch.upsert(external_ref, values)
    batch.flush()
    return answer


@once_more_on_conflict
@transaction.atomic
def intervention_bulk_upsert(*, agency, rows, atomic: bool) -> list[dict]:
    """bulk_upsert of interventions: the rows' people, references and overlapping
    items read ahead, each row validated as `intervention_upsert` does, the new
    ones inserted together."""
    batch = InterventionBatch(agency=agency, rows=rows)
    return bulk_upsert(
        rows=rows,
        upsert=batch.upsert,
        atomic=atomic,
        savepoints=False,
        finish=batch.flush,
    )


def item_delete_by_ref(model, *, agency, external_ref: str) -> bool:
    """Deletes the agency's planning item of `model` with this reference as the
    admin does; False when it has none."""
    deleted, _counts = model.objects.filter(
        agency=agency,
        external__agency=agency,
        external__external_ref=external_ref,
    ).delete()
    return bool(deleted)


def intervention_delete(*, agency, external_ref: str) -> bool:
    return item_delete_by_ref(Intervention, agency=agency, external_ref=external_ref)


def interventions_for_agency(*, agency):
    """The agency's interventions, with their people and their reference."""
    return Intervention.objects.filter(agency=agency).select_related(
        "client", "intervenant", "external"
    )
