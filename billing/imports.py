"""Loading quotes, contracts and invoices from a CSV file and their PDFs: every row is
checked as the admin form checks it; one bad row and nothing of the file is saved,
the PDFs already stored included."""

import csv
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from access.imports import ImportFailed
from access.models import Agency, Client

from .models import Contract, Invoice, Quote
from .services import billing_record_save

TYPES = {"quote": Quote, "contract": Contract, "invoice": Invoice}
REQUIRED = {"agency", "type", "number", "client_ref", "title", "issued_on"}
REQUIRED |= {"amount_cents", "pdf"}
TRUE = {"1", "true", "yes", "oui", "vrai"}


def _date(text, column):
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValidationError(f"{column}: bad date {text!r}") from error


def _cents(text, column):
    try:
        return int(text.strip())
    except (AttributeError, ValueError) as error:
        raise ValidationError(f"{column}: not a whole number of cents") from error


def _agency(slug, agencies):
    if slug not in agencies:
        agencies[slug] = Agency.objects.filter(slug=slug).first()
    if agencies[slug] is None:
        raise ValidationError(f"unknown agency {slug!r}")
    return agencies[slug]


def _build(row, agencies):
    agency = _agency(row["agency"], agencies)
    model = TYPES.get(row["type"])
    if model is None:
        raise ValidationError(f"unknown type {row['type']!r}")
    client = Client.objects.filter(
        agency=agency, external_ref=row["client_ref"]
    ).first()
    if client is None:
        raise ValidationError(f"unknown client reference {row['client_ref']!r}")
    record = model(
        agency=agency,
        client=client,
        number=row["number"],
        title=row["title"],
        issued_on=_date(row["issued_on"], "issued_on"),
        amount_cents=_cents(row["amount_cents"], "amount_cents"),
        currency=row.get("currency") or "EUR",
    )
    if row.get("status"):
        record.status = row["status"]
    if model is Invoice:
        due = row.get("amount_due_cents")
        record.amount_due_cents = (
            _cents(due, "amount_due_cents") if due else record.amount_cents
        )
        record.due_on = _date(row.get("due_on"), "due_on")
        record.immediate_advance = (row.get("immediate_advance") or "").lower() in TRUE
    elif model is Quote:
        record.valid_until = _date(row.get("valid_until"), "valid_until")
    else:
        record.starts_on = _date(row.get("starts_on"), "starts_on")
    return record


def billing_import(*, lines, pdf_folder: Path) -> int:
    """Import CSV lines (with a header) whose `pdf` column names files in
    `pdf_folder`; the number of records created."""
    reader = csv.DictReader(lines)
    missing = REQUIRED - set(reader.fieldnames or [])
    if missing:
        raise ImportFailed([(1, f"missing columns: {', '.join(sorted(missing))}")])
    errors, stored, agencies = [], [], {}
    try:
        with transaction.atomic():
            for row in reader:
                try:
                    record = _build(row, agencies)
                    path = (pdf_folder / row["pdf"]).resolve()
                    if pdf_folder.resolve() not in path.parents or not path.is_file():
                        raise ValidationError(f"no PDF {row['pdf']!r} in the folder")
                    with path.open("rb") as pdf:
                        billing_record_save(
                            record=record, upload=File(pdf, name=path.name)
                        )
                    stored.append(record.document.file)
                except ValidationError as error:
                    errors.append((reader.line_num, "; ".join(error.messages)))
            if errors:
                raise ImportFailed(errors)
    except BaseException:
        for file in stored:  # their rows were rolled back
            file.storage.delete(file.name)
        raise
    return len(stored)
