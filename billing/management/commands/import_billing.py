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

from django.core.management.base import BaseCommand

from access.imports import run_import
from billing.imports import billing_import


class Command(BaseCommand):
    help = "Load quotes, contracts and invoices from a CSV file and their PDFs."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--pdfs", help="Folder of the PDFs (the CSV's folder).")

    def handle(self, *args, file, pdfs=None, **options):
        folder = Path(pdfs) if pdfs else Path(file).resolve().parent
        run_import(
            self,
            lambda lines: billing_import(lines=lines, pdf_folder=folder),
            file=file,
            what="record(s)",
        )
