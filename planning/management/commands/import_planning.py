"""manage.py import_planning FILE.csv

Columns (header row required): agency (slug), type (intervention, availability,
absence), client_ref and intervenant_ref (the people's external references), start and
end (ISO 8601; without an offset, the agency's time zone), status (planned, done,
cancelled), service, reason. A bad row is reported with its line number and nothing
of the file is saved.
"""

from django.core.management.base import BaseCommand, CommandError

from planning.imports import ImportFailed, planning_import


class Command(BaseCommand):
    help = "Load interventions, availabilities and absences from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, newline="", encoding="utf-8-sig") as lines:
                created = planning_import(lines=lines)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportFailed as failed:
            for line, message in failed.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(
                f"{len(failed.errors)} bad row(s); nothing was saved."
            ) from failed
        self.stdout.write(f"{created} item(s) imported.")
