"""The billing import: quotes, contracts and invoices from the columns the agency's
software exports, each row through the agency API's upsert (`billing_upsert`: by
number, the PDF required to create, the signed or paid ones locked), its PDF
taken among the files sent with the table by the name its row gives."""

import io
import unicodedata
import zipfile
import zlib
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.models import Contract, Invoice, Quote

from .billing import billing_upsert
from .bulk import MAX_ROWS, bulk_upsert
from .import_columns import Column, Kind, status_value

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"]
MAX_CENTS = 10**14 - 1  # as the API: twelve digits of euros

NUMBER = Column(
    "number",
    gettext_lazy("Numéro"),
    ("numéro", "n°", "no", "numero de piece", "référence", "ref"),
    required=True,
)
COMMON = (
    NUMBER,
    Column(
        "client",
        gettext_lazy("Client (référence)"),
        ("client", "référence client", "client ref"),
        required=True,
    ),
    Column("title", gettext_lazy("Libellé"), ("libellé", "objet"), required=True),
    Column(
        "issued_on",
        gettext_lazy("Date d'émission"),
        ("date d'émission", "date", "émis le"),
        required=True,
    ),
    Column("amount", gettext_lazy("Montant TTC"), ("montant", "montant ttc (€)")),
    Column("amount_cents", gettext_lazy("Montant TTC en centimes")),
    Column("status", gettext_lazy("Statut"), ("statut",)),
)
PDF = Column("pdf", gettext_lazy("Fichier PDF"), ("pdf", "fichier", "fichier pdf"))
EXTRA = {
    Quote: (
        Column(
            "valid_until", gettext_lazy("Valable jusqu'au"), ("validité", "valable")
        ),
    ),
    Contract: (Column("starts_on", gettext_lazy("Début"), ("début", "date de début")),),
    Invoice: (
        Column("due_on", gettext_lazy("Échéance"), ("échéance", "date limite")),
        Column("amount_due", gettext_lazy("Reste à payer"), ("reste dû",)),
        Column("amount_due_cents", gettext_lazy("Reste à payer en centimes")),
    ),
}


def file_key(name: str) -> str:
    """A PDF's name as rows and uploads compare it: without its folder, its case
    or its Unicode form (macOS sends decomposed accents)."""
    name = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    return unicodedata.normalize("NFC", name).strip().casefold()


def euros_to_cents(text: str) -> int:
    """« 125,50 », « 1 234,56 € », « 125.5 », « 125 » -> cents."""
    cleaned = str(text).replace("€", "").replace("\u202f", "").replace("\xa0", "")
    cleaned = cleaned.replace(" ", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        raise ValidationError(
            _("« %(value)s » n'est pas un montant en euros (par exemple 125,50).")
            % {"value": text}
        )
    cents = amount * 100
    if cents != cents.to_integral_value() or cents > MAX_CENTS:
        raise ValidationError(
            _("« %(value)s » : au plus deux décimales et douze chiffres d'euros.")
            % {"value": text}
        )
    return int(cents)


class BillingRow(forms.Form):
    model = Quote  # set per kind by billing_form
    number = forms.CharField(max_length=40)
    client = forms.CharField()
    title = forms.CharField(max_length=200)
    issued_on = forms.DateField(input_formats=DATE_FORMATS)
    amount = forms.CharField(required=False)
    amount_cents = forms.IntegerField(required=False, min_value=0, max_value=MAX_CENTS)
    status = forms.CharField(required=False)
    pdf = forms.CharField(required=False)

    def clean_amount(self):
        text = self.cleaned_data["amount"]
        return euros_to_cents(text) if text else None

    def clean_status(self):
        # Empty: a new record is pending.
        return status_value(self.cleaned_data["status"], self.model.Status.choices)

    def clean(self):
        data = super().clean()
        if data.get("amount") is None and data.get("amount_cents") is None:
            if "amount" not in self.errors and "amount_cents" not in self.errors:
                self.add_error("amount", _("Le montant est obligatoire."))
        return data


class InvoiceRow(BillingRow):
    due_on = forms.DateField(input_formats=DATE_FORMATS, required=False)
    amount_due = forms.CharField(required=False)
    amount_due_cents = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_CENTS
    )

    def clean_amount_due(self):
        text = self.cleaned_data["amount_due"]
        return euros_to_cents(text) if text else None


def _date_row(model, name):
    field = forms.DateField(input_formats=DATE_FORMATS, required=False)
    return type(f"{model.__name__}Row", (BillingRow,), {"model": model, name: field})


FORMS = {
    Quote: _date_row(Quote, "valid_until"),
    Contract: _date_row(Contract, "starts_on"),
    Invoice: type("InvoiceRow", (InvoiceRow,), {"model": Invoice}),
}


# The PDFs of one sending: files (below Django's 100 files a request) or .zip
# archives of them; held in memory, hence a total.
MAX_PDFS = 90
MAX_PDF_TOTAL = 60 * 2**20


def _zip_name(info) -> str:
    if info.flag_bits & 0x800:
        return info.filename  # marked UTF-8
    try:  # Windows' zips write UTF-8 unmarked, which Python reads as cp437
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _members(upload, room: int) -> list[tuple[str, bytes]]:
    """(name, content) of a PDF sent, or of each PDF of a .zip, reading at most
    `room` + 1 bytes: declared sizes are not trusted."""
    if not upload.name.lower().endswith(".zip"):
        return [(upload.name, upload.read(room + 1))]
    found = []
    try:
        with zipfile.ZipFile(upload) as archive:
            for info in archive.infolist():
                name = _zip_name(info)
                if (
                    info.is_dir()
                    or not name.lower().endswith(".pdf")
                    or name.startswith("__MACOSX/")
                ):
                    continue
                with archive.open(info) as member:
                    found.append((name, member.read(room + 1)))
                room -= len(found[-1][1])
                if room < 0:
                    break
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError):
        raise ValidationError(
            _("L'archive « %(name)s » n'a pas pu être lue.") % {"name": upload.name}
        ) from None
    return found


def pdfs_read(uploads) -> dict[str, bytes]:
    """{name: content} of the PDFs sent, files or .zip archives; refused when
    too many, too large, or two of the same name."""
    if len(uploads) > MAX_PDFS:
        raise ValidationError(
            _("Envoyez %(count)d fichiers au plus à la fois (ou une archive .zip).")
            % {"count": MAX_PDFS}
        )
    files, keys, total = {}, set(), 0
    for upload in uploads:
        for name, data in _members(upload, MAX_PDF_TOTAL - total):
            total += len(data)
            if total > MAX_PDF_TOTAL:
                raise ValidationError(
                    _(
                        "Les PDF dépassent %(size)d Mo en tout : importez-les en "
                        "plusieurs fois."
                    )
                    % {"size": MAX_PDF_TOTAL // 2**20}
                )
            if file_key(name) in keys:
                raise ValidationError(
                    _("Deux PDF s'appellent « %(name)s ».") % {"name": name}
                )
            keys.add(file_key(name))
            files[name] = data
            if len(files) > MAX_ROWS:  # more than the rows a file may have
                raise ValidationError(
                    _("Plus de %(count)d PDF : importez-les en plusieurs fois.")
                    % {"count": MAX_ROWS}
                )
    return files


class PdfFiles:
    """The PDFs sent with the table, by name; remembers which rows took."""

    def __init__(self, files: dict[str, bytes]):
        self.files = {file_key(name): (name, data) for name, data in files.items()}
        self.used: set[str] = set()

    def upload(self, name: str):
        key = file_key(name)
        if key not in self.files:
            raise ValidationError(
                {
                    "pdf": _("« %(name)s » n'est pas parmi les PDF envoyés.")
                    % {"name": name}
                }
            )
        self.used.add(key)
        original, data = self.files[key]
        return File(io.BytesIO(data), name=original)

    def unused(self, named=()) -> list[str]:
        """The PDFs no row took, nor named (a row in error names one too)."""
        named = self.used | {file_key(name) for name in named if name}
        return sorted(
            name for key, (name, _d) in self.files.items() if key not in named
        )

    # Kept between the preview and its application as one archive.

    def pack(self, table: bytes) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("table", table)
            for index, (name, data) in enumerate(self.files.values()):
                archive.writestr(f"pdf/{index}", data)
                archive.writestr(f"name/{index}", name.encode())
        return buffer.getvalue()

    @classmethod
    def unpack(cls, content: bytes) -> tuple[bytes, "PdfFiles"]:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = [n for n in archive.namelist() if n.startswith("name/")]
            files = {
                archive.read(n).decode(): archive.read(f"pdf/{n[5:]}") for n in names
            }
            return archive.read("table"), cls(files)


class BillingKind(Kind):
    def values(self, form, data: dict) -> dict:
        values = super().values(form, data)
        # Euros, or cents as the API names them.
        amount = values.pop("amount", None)
        if values.get("amount_cents") is None:
            values["amount_cents"] = amount
        amount_due = values.pop("amount_due", None)
        if values.get("amount_due_cents") is None and amount_due is not None:
            values["amount_due_cents"] = amount_due  # else: from the status
        values.pop("pdf", None)
        values["pdf_name"] = form.cleaned_data.get("pdf") or ""
        return values

    def describe(self, item, agency) -> str:
        return f"{item.title} — {item.client}, {item.amount_display}"

    def _upsert(self, agency, number, values, files):
        values = dict(values)
        name = values.pop("pdf_name")
        upload = None
        if name:
            if files is None:
                raise ValidationError({"pdf": _("Aucun PDF n'a été envoyé.")})
            upload = files.upload(name)
        if self.model is Invoice and values.get("amount_due_cents") is None:
            values["amount_due_cents"] = self._amount_due(agency, number, values)
        return billing_upsert(
            agency=agency, kind=self.name, number=number, values=values, upload=upload
        )

    def _amount_due(self, agency, number, values) -> int:
        # As the admin's form and the API: the whole amount for an invoice to pay,
        # else 0; a file without the Statut column keeps the invoice's status.
        status = values.get("status")
        if status is None:
            status = (
                Invoice.objects.filter(agency=agency, number=number)
                .values_list("status", flat=True)
                .first()
            ) or Invoice.Status.PENDING
        return values["amount_cents"] if status == Invoice.Status.PENDING else 0

    def bulk(self, *, agency, rows, atomic: bool, files=None) -> list[dict]:
        return bulk_upsert(
            rows=rows,
            upsert=lambda number, values: self._upsert(agency, number, values, files),
            atomic=atomic,
        )


BILLING_KINDS = {
    name: BillingKind(
        name,
        model,
        (*COMMON, *EXTRA[model], PDF),
        FORMS[model],
        key="number",
    )
    for name, model in (
        ("quotes", Quote),
        ("contracts", Contract),
        ("invoices", Invoice),
    )
}
