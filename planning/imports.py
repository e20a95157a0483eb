"""Loading a planning from CSV: every row is checked like an admin form would; one bad
row and nothing of the file is saved."""

import csv
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction

from access.imports import ImportFailed
from access.models import Agency, Client, Intervenant

from .models import Absence, Availability, Intervention

COLUMNS = [
    "agency",
    "type",
    "client_ref",
    "intervenant_ref",
    "start",
    "end",
    "status",
    "service",
    "reason",
]
TYPES = {"intervention": Intervention, "availability": Availability, "absence": Absence}


def _moment(text, zone):
    value = datetime.fromisoformat(text.strip())
    return value if value.tzinfo else value.replace(tzinfo=zone)


def _person(model, agency, ref):
    if not ref:
        return None
    person = model.objects.filter(agency=agency, external_ref=ref).first()
    if person is None:
        raise ValidationError(f"unknown {model._meta.model_name} reference {ref!r}")
    return person


def _build(row, agencies):
    agency = agencies.get(row["agency"])
    if agency is None:
        agency = agencies[row["agency"]] = Agency.objects.filter(
            slug=row["agency"]
        ).first()
    if agency is None:
        raise ValidationError(f"unknown agency {row['agency']!r}")
    model = TYPES.get(row["type"])
    if model is None:
        raise ValidationError(f"unknown type {row['type']!r}")
    zone = ZoneInfo(agency.time_zone)
    try:
        fields = {
            "agency": agency,
            "start": _moment(row["start"], zone),
            "end": _moment(row["end"], zone),
        }
    except ValueError as error:
        raise ValidationError(f"bad date: {error}") from error
    client = _person(Client, agency, row.get("client_ref"))
    intervenant = _person(Intervenant, agency, row.get("intervenant_ref"))
    if model is Intervention:
        fields.update(
            client=client,
            intervenant=intervenant,
            status=row.get("status") or "planned",
            service=row.get("service") or "",
        )
    elif model is Availability:
        fields["intervenant"] = intervenant
    else:
        fields.update(
            client=client, intervenant=intervenant, reason=row.get("reason") or ""
        )
    return model(**fields)


def planning_import(*, lines) -> int:
    """Import CSV lines (with a header); the number of items created."""
    reader = csv.DictReader(lines)
    missing = {"agency", "type", "start", "end"} - set(reader.fieldnames or [])
    if missing:
        raise ImportFailed([(1, f"missing columns: {', '.join(sorted(missing))}")])
    errors, created, agencies = [], 0, {}
    with transaction.atomic():
        for row in reader:
            try:
                item = _build(row, agencies)
                item.full_clean()
                item.save()
                created += 1
            except ValidationError as error:
                errors.append((reader.line_num, "; ".join(error.messages)))
        if errors:
            transaction.set_rollback(True)
            raise ImportFailed(errors)
    return created
