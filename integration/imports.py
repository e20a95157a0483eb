"""Imports staff run themselves (the admin's *Importer*, `manage.py import_file`):
a CSV or Excel file read by tablib, its columns named in French or by the agency
API's field names, each row upserted through the same service as the API's bulk
endpoints (`bulk_upsert`). A preview runs every row and rolls the whole back, so
it shows exactly what applying would do and saves nothing: no row, no event of the
outbox (written in the same transaction), no e-mail (sent on commit)."""

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import tablib
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from .bulk import MAX_ROWS as BULK_MAX_ROWS
from .import_billing import BILLING_KINDS
from .import_columns import KINDS as PEOPLE_AND_PLANNING
from .import_columns import Kind, normal
from .results import CREATED, ERROR, UNCHANGED, UPDATED
from .stored_files import files_stored

KINDS = {**PEOPLE_AND_PLANNING, **BILLING_KINDS}

MAX_FILE_SIZE = 5 * 1024 * 1024  # bytes: a few thousand rows with room to spare
# Rows a file may hold in the admin: as many as one bulk request of the API, so
# that a preview and its application each fit well within a web request (gunicorn's
# 30 s). The command line has no such limit.
MAX_ROWS = BULK_MAX_ROWS

# (for clients and intervenants, for interventions): French agrees with the noun.
# « une intervention », « une disponibilité », « une absence », « une facture »
FEMININE = {"interventions", "availabilities", "absences", "invoices"}
RESULT_LABELS = {
    CREATED: (gettext_lazy("créé"), gettext_lazy("créée")),
    UPDATED: (gettext_lazy("modifié"), gettext_lazy("modifiée")),
    UNCHANGED: (gettext_lazy("inchangé"), gettext_lazy("inchangée")),
    ERROR: (gettext_lazy("erreur"), gettext_lazy("erreur")),
}
COUNT_LABELS = {
    CREATED: (
        ngettext_lazy("%(count)d créé", "%(count)d créés", "count"),
        ngettext_lazy("%(count)d créée", "%(count)d créées", "count"),
    ),
    UPDATED: (
        ngettext_lazy("%(count)d modifié", "%(count)d modifiés", "count"),
        ngettext_lazy("%(count)d modifiée", "%(count)d modifiées", "count"),
    ),
    UNCHANGED: (
        ngettext_lazy("%(count)d inchangé", "%(count)d inchangés", "count"),
        ngettext_lazy("%(count)d inchangée", "%(count)d inchangées", "count"),
    ),
    ERROR: (ngettext_lazy("%(count)d en erreur", "%(count)d en erreur", "count"),) * 2,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: no row is looked at."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Reading the file


def _csv_text(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # What Excel writes on a French Windows when asked for CSV.
        return content.decode("cp1252")


def _delimiter(text: str) -> str:
    # French spreadsheets separate with « ; » (the comma is the decimal mark).
    header = text.split("\n", 1)[0]
    return max(";,\t", key=header.count) if any(c in header for c in ";,\t") else ","


def dataset_load(*, content: bytes, name: str = "") -> tablib.Dataset:
    """The file's rows, its first row as the headers; CSV (UTF-8 or Windows
    encoding, « ; » or « , ») or Excel (.xlsx, its first sheet)."""
    if len(content) > MAX_FILE_SIZE:
        raise ImportFileError(
            _("Le fichier dépasse %(size)d Mo.") % {"size": MAX_FILE_SIZE // 2**20}
        )
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    is_xlsx = suffix == "xlsx" or (suffix != "csv" and content[:2] == b"PK")
    if suffix not in ("", "csv", "txt", "xlsx") or (suffix == "" and not content):
        raise ImportFileError(
            _("Format non reconnu : envoyez un fichier CSV ou Excel (.xlsx).")
        )
    dataset = tablib.Dataset()
    try:
        if is_xlsx:
            dataset.load(io.BytesIO(content), format="xlsx")
        else:
            text = _csv_text(content)
            dataset.load(text, format="csv", delimiter=_delimiter(text))
    except tablib.InvalidDimensions as error:
        raise ImportFileError(
            _("Une ligne du fichier a plus de colonnes que la ligne d'en-tête.")
        ) from error
    except Exception as error:  # noqa: BLE001 — a damaged file raises anything
        raise ImportFileError(_("Le fichier n'a pas pu être lu.")) from error
    if not dataset.headers or not any(dataset.headers):
        raise ImportFileError(_("Le fichier est vide : il faut une ligne d'en-tête."))
    return dataset


def columns_map(kind: Kind, headers) -> tuple[dict[int, str], list[str]]:
    """({position: field}, the headers ignored). A header may be the API's field
    name or its French name, with or without accents or capitals."""
    known = {}
    for column in kind.columns:
        for alias in (column.field, str(column.label), *column.aliases):
            known[normal(alias)] = column
    found, ignored = {}, []
    for position, header in enumerate(headers):
        column = known.get(normal(header))
        if column is None:
            if normal(header):
                ignored.append(str(header).strip())
            continue
        if column.field in found.values():
            raise ImportFileError(
                _("La colonne « %(column)s » apparaît deux fois.")
                % {"column": column.label}
            )
        found[position] = column.field
    missing = [
        str(column.label)
        for column in kind.columns
        if column.required and column.field not in found.values()
    ]
    if missing:
        raise ImportFileError(
            ngettext(
                "Colonne manquante : %(columns)s.",
                "Colonnes manquantes : %(columns)s.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
        )
    return found, ignored


def _cell(value):
    """A cell as the row's form reads it: text, or a moment a spreadsheet typed."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, time):
        return value.isoformat()  # a time without its day: refused as a date
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a postal code or phone Excel made a number
    return str(value).strip()


def _row(kind: Kind, positions: dict[int, str], cells) -> tuple[str, dict, bool]:
    """(external_ref, values or {field: [messages]}, valid), as bulk_upsert reads
    them. Only the file's columns are in the values: a column left out of the file
    leaves that field as it is."""
    data = {name: _cell(cells[position]) for position, name in positions.items()}
    form = kind.form(data=data)
    external_ref = str(data.get(kind.key, ""))
    if not form.is_valid():
        return external_ref, {n: list(m) for n, m in form.errors.items()}, False
    return form.cleaned_data[kind.key], kind.values(form, data), True


def _column(dataset, positions: dict[int, str], name: str) -> list:
    """The cells of one column, wherever the file put it (none when absent)."""
    return [
        _cell(cells[position])
        for cells in dataset
        for position, found in positions.items()
        if found == name
    ]


# Running it


@dataclass
class RowOutcome:
    line: int  # the row's number in the spreadsheet, the header being line 1
    external_ref: str
    result: str
    description: str = ""
    errors: list[str] = field(default_factory=list)
    feminine: bool = False  # an intervention: « créée »

    @property
    def result_label(self) -> str:
        return str(RESULT_LABELS[self.result][self.feminine])


@dataclass
class ImportReport:
    kind: str
    rows: list[RowOutcome]
    preview: bool
    ignored_columns: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)  # PDFs no row names

    @property
    def counts(self) -> dict:
        return {
            name: sum(row.result == name for row in self.rows)
            for name in (CREATED, UPDATED, UNCHANGED, ERROR)
        }

    @property
    def count_lines(self) -> list[str]:
        """« 2 créés », « 0 modifié »... (« 2 créées » for interventions)."""
        feminine = self.kind in FEMININE
        return [
            str(COUNT_LABELS[name][feminine] % {"count": count})
            for name, count in self.counts.items()
        ]

    @property
    def has_errors(self) -> bool:
        return any(row.result == ERROR for row in self.rows)

    @property
    def saved(self) -> bool:
        """Applied and written: all or nothing, so no row in error."""
        return not self.preview and not self.has_errors


def _errors(kind: Kind, row: dict) -> list[str]:
    fields = row.get("fields") or {}
    if row.get("code") not in (None, "invalid"):
        # An overlap says itself what is in the way; its `conflict` ids are the
        # API's, of no use to staff.
        return [row["message"]]
    messages = []
    for name, found in fields.items():
        for message in found:
            if name == "non_field_errors":
                messages.append(str(message))
            else:
                messages.append(
                    _("%(column)s : %(message)s")
                    % {"column": kind.label(name), "message": message}
                )
    return messages or [row["message"]]


def import_run(
    *,
    agency,
    kind: str,
    dataset: tablib.Dataset,
    preview: bool,
    max_rows: int | None = MAX_ROWS,
    files=None,
) -> ImportReport:
    """Every row of `dataset` through the kind's upsert for `agency`. `preview`:
    everything runs then rolls back; otherwise all or nothing (one row in error and
    nothing is saved). Dates without an offset are on the agency's clock. `files`:
    the PDFs the rows name (billing, `import_billing.PdfFiles`); those a rolled-back
    run stored are deleted."""
    spec = KINDS[kind]
    positions, ignored = columns_map(spec, dataset.headers)
    if max_rows is not None and len(dataset) > max_rows:
        raise ImportFileError(
            _(
                "Le fichier a plus de %(count)d lignes : découpez-le en fichiers "
                "de %(count)d lignes au plus."
            )
            % {"count": max_rows}
        )
    zone = ZoneInfo(agency.time_zone)
    lines, rows = [], []
    with timezone.override(zone):
        for index, cells in enumerate(dataset):
            if not any(_cell(value) != "" for value in cells):
                continue  # a blank line of the spreadsheet
            lines.append(index + 2)
            rows.append(_row(spec, positions, cells))
        with files_stored() as stored, transaction.atomic():
            results = spec.bulk(
                agency=agency, rows=rows, atomic=not preview, files=files
            )
            # Described inside the transaction: a preview's rows are gone after.
            outcomes = [
                RowOutcome(
                    line=line,
                    external_ref=row["external_ref"] or "",
                    result=row["result"],
                    description=spec.describe(row["item"], agency)
                    if "item" in row
                    else "",
                    errors=_errors(spec, row) if row["result"] == ERROR else [],
                    feminine=kind in FEMININE,
                )
                for line, row in zip(lines, results, strict=True)
            ]
            if preview:
                transaction.set_rollback(True)
    report = ImportReport(
        kind=kind,
        rows=outcomes,
        preview=preview,
        ignored_columns=ignored,
        ignored_files=[]
        if files is None
        else files.unused(_column(dataset, positions, "pdf")),
    )
    if not report.saved:  # rolled back: a preview, or a row in error
        stored.delete()
    return report


def import_file(
    *, agency, kind: str, content: bytes, name: str, preview: bool, **options
) -> ImportReport:
    """`import_run` on a file's bytes (ImportFileError when it cannot be read)."""
    return import_run(
        agency=agency,
        kind=kind,
        dataset=dataset_load(content=content, name=name),
        preview=preview,
        **options,
    )
