"""manage.py import_file --agency SLUG --kind KIND FILE [--pdfs FOLDER] [--dry-run]

The admin's *Importer* on the command line, for every kind it imports: clients,
intervenants, interventions, availabilities, absences, quotes, contracts, invoices.
A CSV or Excel (.xlsx) file whose first row names the columns, in French (as the
admin's import page lists them) or by the agency API's field names. Each row is
created, updated or left unchanged by its reference (billing: its number); one bad
row and nothing of the file is saved. Billing rows name their PDF (« Fichier PDF »),
read from --pdfs (by default the file's folder). With --dry-run, every row is checked
and reported and nothing is saved. No limit on the number of rows nor on the PDFs'
size (the admin takes 1,000 rows a file).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from access.models import Agency
from integration.import_billing import BILLING_KINDS, PdfFiles
from integration.imports import KINDS, ImportFileError, import_file


class Command(BaseCommand):
    help = "Create or update rows of one kind from a CSV or Excel file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="The agency's slug.")
        parser.add_argument("--kind", required=True, choices=list(KINDS))
        parser.add_argument(
            "--pdfs",
            help="Billing: the folder of the PDFs the rows name (the file's folder).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and report every row; save nothing.",
        )

    def handle(self, *args, file, agency, kind, dry_run, pdfs=None, **options):
        found = Agency.objects.filter(slug=agency).first()
        if found is None:
            raise CommandError(f"No agency {agency!r}.")
        try:
            content = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        if pdfs and kind not in BILLING_KINDS:
            raise CommandError("--pdfs goes with quotes, contracts or invoices.")
        files = None
        if kind in BILLING_KINDS:
            files = self.pdf_files(Path(pdfs) if pdfs else Path(file).resolve().parent)
        try:
            report = import_file(
                agency=found,
                kind=kind,
                content=content,
                name=Path(file).name,
                preview=dry_run,
                max_rows=None,  # no web request to finish in time
                files=files,
            )
        except ImportFileError as error:
            raise CommandError(error.message) from error
        for row in report.rows:
            line = f"line {row.line} [{row.external_ref or '-'}]: {row.result}"
            if row.errors:
                self.stderr.write(f"{line}: {'; '.join(row.errors)}")
            else:
                self.stdout.write(f"{line} ({row.description})")
        if report.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(report.ignored_columns)}")
        tally = report.counts
        self.stdout.write(
            f"{tally['created']} created, {tally['updated']} updated, "
            f"{tally['unchanged']} unchanged, {tally['error']} error(s)."
        )
        if report.has_errors:
            raise CommandError(f"{tally['error']} bad row(s); nothing was saved.")
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")

    def pdf_files(self, folder: Path) -> PdfFiles:
        """The folder's PDFs, by name, for the rows to name."""
        try:
            return PdfFiles(
                {
                    path.name: path.read_bytes()
                    for path in folder.iterdir()
                    if path.suffix.lower() == ".pdf" and path.is_file()
                }
            )
        except OSError as error:
            raise CommandError(str(error)) from error
