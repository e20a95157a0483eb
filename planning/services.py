"""Writes to the planning from the portals: within the person's own items, with
optimistic concurrency enforced by the database and every change logged."""

import django.dispatch
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.models import Intervenant

from .kinds import KINDS, own_items
from .models import ChangeLog, OverlapError
from .selectors import client_visited_by

# Sent inside the change's transaction for each portal write (agency_id, kind,
# item_id, action): the integration's outbox listens; the planning need not know it.
planning_changed = django.dispatch.Signal()


def editable_values(kind: str, data: dict) -> dict:
    """The part of `data` a portal may set on an item of this kind."""
    return {name: data[name] for name in KINDS[kind].editable if name in data}


def _only_editable(kind: str, values: dict) -> dict:
    # The services write `values` straight into the row: a field outside the
    # whitelist (agency, client, intervenant, version...) is a programming error
    # and must never reach the database, whichever caller passed it.
    extra = set(values) - set(KINDS[kind].editable)
    if extra:
        raise TypeError(f"a portal cannot set {sorted(extra)} on {kind}")
    return values


def snapshot(item, kind) -> dict:
    data = {"version": item.version}
    for name in KINDS[kind].editable:
        value = getattr(item, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    if kind == "interventions":
        data.update(client=item.client_id, intervenant=item.intervenant_id)
    return data


def _log(*, account, kind, item, action, before=None):
    """Log a change made through a portal: the item `before` it and (but once
    deleted) as it is now."""
    after = None if action == "delete" else snapshot(item, kind)
    person = account.person
    ChangeLog.objects.create(
        agency_id=person.agency_id,
        account=account,
        portal_kind=account.portal.kind,
        item_kind=kind,
        item_id=item.pk,
        action=action,
        before=before,
        after=after,
        **{person.portal_kind: person},
    )
    planning_changed.send(
        sender=type(item),
        agency_id=person.agency_id,
        kind=kind,
        item_id=item.pk,
        action=action,
    )


def _refuse_past(item, person):
    if person.portal_kind == "client" and item.start <= timezone.now():
        raise ApplicationError(
            "action_not_allowed",
            _("Seuls les éléments à venir peuvent être modifiés ou supprimés."),
            status=403,
        )


def planning_item_validate(
    item, *, exclude=None, validate_constraints=True, before_naming=None
) -> None:
    """full_clean (`exclude`: fields the caller has checked itself); the model's
    overlap rule becomes 409, naming the conflicting item as the API names kinds
    (`interventions:<id>`), so a client can find it in its planning.
    `before_naming(conflict)` runs first: a caller that inserts its rows later
    gives the conflict its id."""
    try:
        item.full_clean(exclude=exclude, validate_constraints=validate_constraints)
    except ValidationError as error:
        # full_clean gathers clean()'s errors as they were raised: the OverlapError
        # carries its conflicting item.
        overlap = next(
            (
                found
                for found in getattr(error, "error_dict", {}).get(NON_FIELD_ERRORS, [])
                if isinstance(found, OverlapError)
            ),
            None,
        )
        if overlap is None:
            raise
        conflict = overlap.conflict
        if before_naming is not None:
            before_naming(conflict)
        raise ApplicationError(
            "overlap",
            overlap.messages[0],
            status=409,
            fields={"conflict": [f"{_kind_name(conflict)}:{conflict.pk}"]},
        ) from error


def _kind_name(item) -> str:
    return next(kind.name for kind in KINDS.values() if isinstance(item, kind.model))


def _lock_worker(item):
    # Serialises the writes touching one intervenant's time, so that two portals
    # cannot both pass the overlap check.
    if getattr(item, "intervenant_id", None):
        Intervenant.objects.select_for_update().filter(pk=item.intervenant_id).first()


def _visited_client(intervenant, client_id):
    """A care worker adds a visit only to a client they already visit."""
    client = client_visited_by(intervenant=intervenant, client_id=client_id)
    if client is None:
        raise ApplicationError.invalid_field(
            "client", _("Choisissez un client que vous suivez.")
        )
    return client


@transaction.atomic
def planning_item_create(*, account, kind: str, values: dict, client_id=None):
    """A new item of the account's person. `client_id`: the client of a visit a
    care worker adds (one they already visit); ignored otherwise."""
    person = account.person
    model = KINDS[kind].model
    item = model(agency_id=person.agency_id, **_only_editable(kind, values))
    if kind == "interventions":
        # A family asks for a visit (not yet staffed); a care worker adds one of
        # their own visits to a client they already see.
        if person.portal_kind == "client":
            item.client, item.intervenant = person, None
        else:
            item.client = _visited_client(person, client_id)
            item.intervenant = person
    else:
        setattr(item, person.portal_kind, person)
    _lock_worker(item)
    planning_item_validate(item)
    item.save()
    _log(account=account, kind=kind, item=item, action="create")
    return item


def _locked_own(account, kind, item_id):
    item = own_items(person=account.person, kind=kind).filter(pk=item_id).first()
    if item is None:
        raise ApplicationError("not_found", _("Élément introuvable."), status=404)
    return item


def _stale():
    return ApplicationError(
        "stale_version",
        _("Cet élément a été modifié entre-temps : rechargez-le puis recommencez."),
        status=412,
    )


@transaction.atomic
def planning_item_update(
    *, account, kind: str, item_id: int, version: int, values: dict
):
    values = _only_editable(kind, values)
    item = _locked_own(account, kind, item_id)
    _refuse_past(item, account.person)
    before = snapshot(item, kind)
    for name, value in values.items():
        setattr(item, name, value)
    _lock_worker(item)
    planning_item_validate(item)
    # The version check is in the UPDATE itself: of two racing writers holding the
    # same version, exactly one matches a row.
    updated = (
        type(item)
        .objects.filter(pk=item.pk, version=version)
        .update(version=F("version") + 1, updated_at=timezone.now(), **values)
    )
    if not updated:
        raise _stale()
    item.refresh_from_db()
    _log(account=account, kind=kind, item=item, action="change", before=before)
    return item


@transaction.atomic
def planning_item_delete(*, account, kind: str, item_id: int, version: int) -> None:
    item = _locked_own(account, kind, item_id)
    _refuse_past(item, account.person)
    before = snapshot(item, kind)
    deleted, _counts = type(item).objects.filter(pk=item.pk, version=version).delete()
    if not deleted:
        raise _stale()
    _log(account=account, kind=kind, item=item, action="delete", before=before)
