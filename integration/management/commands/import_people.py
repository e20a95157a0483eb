"""manage.py import_people --agency SLUG --kind clients|intervenants FILE [--dry-run]

The admin's *Importer* on the command line: a CSV or Excel (.xlsx) file whose first
row names the columns, in French (« Référence », « Prénom », « Nom », « E-mail »,
« Téléphone », « Adresse », « Code postal », « Ville ») or by the agency API's field
names (external_ref, first_name, ...). Each row is created, updated or left
unchanged by its reference; one bad row and nothing of the file is saved. With
--dry-run, every row is checked and reported and nothing is saved. No limit on the
number of rows (the admin takes 1,000 a file).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from access.models import Agency
from integration.imports import ImportFileError, import_file


class Command(BaseCommand):
    help = "Create or update clients or intervenants from a CSV or Excel file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="The agency's slug.")
        parser.add_argument(
            "--kind", required=True, choices=["clients", "intervenants"]
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and report every row; save nothing.",
        )

    def handle(self, *args, file, agency, kind, dry_run, **options):
        found = Agency.objects.filter(slug=agency).first()
        if found is None:
            raise CommandError(f"No agency {agency!r}.")
        try:
            content = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            report = import_file(
                agency=found,
                kind=kind,
                content=content,
                name=Path(file).name,
                preview=dry_run,
                max_rows=None,  # no web request to finish in time
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
