"""manage.py import_billing FILE.csv [--pdfs FOLDER]

Columns (header row required): agency (slug), type (quote, contract, invoice),
number (unique per agency and type), client_ref (the client's external reference),
title, issued_on (YYYY-MM-DD), amount_cents, pdf (the PDF's file name in FOLDER,
by default the CSV's folder); optional: currency (EUR), status, valid_until
(quotes), starts_on (contracts), due_on, amount_due_cents (the amount by default)
and immediate_advance (yes/no) for invoices. Each PDF is published to its client.
A bad row is reported with its line number and nothing of the file is saved.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.imports import ImportFailed, billing_import


class Command(BaseCommand):
    help = "Load quotes, contracts and invoices from a CSV file and their PDFs."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--pdfs", help="Folder of the PDFs (the CSV's folder).")

    def handle(self, *args, file, pdfs=None, **options):
        folder = Path(pdfs) if pdfs else Path(file).resolve().parent
        try:
            with open(file, newline="", encoding="utf-8-sig") as lines:
                created = billing_import(lines=lines, pdf_folder=folder)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportFailed as failed:
            for line, message in failed.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(
                f"{len(failed.errors)} bad row(s); nothing was saved."
            ) from failed
        self.stdout.write(f"{created} record(s) imported.")
