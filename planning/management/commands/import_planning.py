"""manage.py import_planning FILE.csv

Columns (header row required): agency (slug), type (intervention, availability,
absence), client_ref and intervenant_ref (the people's external references), start and
end (ISO 8601; without an offset, the agency's time zone), status (planned, done,
cancelled), service, reason. A bad row is reported with its line number and nothing
of the file is saved.
"""

from django.core.management.base import BaseCommand

from access.imports import run_import
from planning.imports import planning_import


class Command(BaseCommand):
    help = "Load interventions, availabilities and absences from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        run_import(
            self, lambda lines: planning_import(lines=lines), file=file, what="item(s)"
        )
