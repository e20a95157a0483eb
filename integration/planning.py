"""Interventions written by the agency's software, by its references: validated as
the admin validates them (full_clean), the overlap rule answering 409 `overlap`."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.models import Client, Intervenant
from planning.kinds import KINDS
from planning.models import Intervention, OverlapError

from .models import InterventionRef
from .results import CREATED, UNCHANGED, UPDATED, once_more_on_conflict

FIELDS = ("client", "intervenant", "start", "end", "status", "service")


def _person(model, agency, field, ref):
    if ref is None:
        return None
    person = model.objects.filter(agency=agency, external_ref=ref).first()
    if person is None:
        raise ValidationError(
            {field: _("Aucune fiche n'a la référence « %(ref)s ».") % {"ref": ref}}
        )
    return person


def _validate(item):
    """full_clean; the overlap rule becomes 409, naming the item in the way as the
    portal API does (`interventions:<id>`...)."""
    try:
        item.full_clean()
    except ValidationError as error:
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
        kind = next(k.name for k in KINDS.values() if isinstance(conflict, k.model))
        raise ApplicationError(
            "overlap",
            overlap.messages[0],
            status=409,
            fields={"conflict": [f"{kind}:{conflict.pk}"]},
        ) from error


@once_more_on_conflict
@transaction.atomic
def intervention_upsert(*, agency, external_ref: str, values: dict):
    """(intervention, result). `values["client"]` and `["intervenant"]` are the
    agency's references (the intervenant's may be None: not yet staffed)."""
    values = {
        **values,
        "client": _person(Client, agency, "client", values["client"]),
        "intervenant": _person(
            Intervenant, agency, "intervenant", values.get("intervenant")
        ),
    }
    if values["intervenant"] is not None:
        # Serialises the writes touching one intervenant's time, as the portal's
        # services do, so that two writers cannot both pass the overlap check.
        list(
            Intervenant.objects.select_for_update().filter(pk=values["intervenant"].pk)
        )
    link = (
        InterventionRef.objects.select_for_update()
        .select_related("intervention")
        .filter(agency=agency, external_ref=external_ref)
        .first()
    )
    if link is None:
        link = InterventionRef(agency=agency, external_ref=external_ref)
        # The reference's own rules (its length) before anything is written.
        link.full_clean(exclude=["intervention"], validate_constraints=False)
        item = Intervention(agency=agency, **values)
        _validate(item)
        item.save()
        link.intervention = item
        link.save()
        return item, CREATED
    item = link.intervention
    changed = {n: v for n, v in values.items() if getattr(item, n) != v}
    if not changed:
        return item, UNCHANGED
    for name, value in changed.items():
        setattr(item, name, value)
    _validate(item)
    # A new version: a portal holding the old one must read it again (ETag).
    item.version += 1
    item.save()
    return item, UPDATED


def intervention_delete(*, agency, external_ref: str) -> bool:
    deleted, _counts = Intervention.objects.filter(
        agency=agency,
        external__agency=agency,
        external__external_ref=external_ref,
    ).delete()
    return bool(deleted)
