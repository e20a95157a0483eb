"""The demo's general terms, quotes, contracts and invoices, each with its PDF
published to the client (idempotent): one quote and one contract to sign, one
invoice to pay online, one paid, one settled through the URSSAF immediate advance."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext as _

from billing.models import Contract, Invoice, Quote, Terms
from billing.money import format_amount
from billing.services import billing_record_save, terms_publish

from .demo_pdf import simple_pdf

RECORDS = [
    (Quote, "D-{ref}-01", "Devis aide à domicile", 48000, {"status": "pending"}),
    (Contract, "K-{ref}-01", "Contrat de prestation", 48000, {"status": "pending"}),
    (
        Invoice,
        "F-{ref}-10",
        "Facture d'octobre 2026",
        31250,
        {"due_on": date(2026, 11, 30), "amount_due_cents": 31250},
    ),
    (
        Invoice,
        "F-{ref}-09",
        "Facture de septembre 2026",
        29800,
        {"status": "paid", "amount_due_cents": 0},
    ),
    (
        Invoice,
        "F-{ref}-11",
        "Facture de novembre 2026 (avance immédiate)",
        30400,
        {"immediate_advance": True, "amount_due_cents": 15200},
    ),
]


TERMS_LINES = (
    "Article 1 - Objet : prestations d'aide et d'accompagnement à domicile.",
    "Article 2 - Tarifs : ceux du devis accepté, révisables chaque année.",
    "Article 3 - Rétractation : 14 jours à compter de la signature.",
    "Article 4 - Paiement : à réception de facture ou par l'avance immédiate.",
)


def seed_billing(agency) -> None:
    if not Terms.objects.filter(agency=agency).exists():
        terms_publish(
            agency=agency,
            version="2026-11",
            upload=SimpleUploadedFile(
                "cgv.pdf",
                simple_pdf(f"Conditions générales — {agency.name}", TERMS_LINES),
            ),
        )
    for client in agency.clients.filter(accounts__isnull=False).distinct():
        ref = client.external_ref
        for model, number, title, cents, fields in RECORDS:
            number = number.format(ref=ref)
            if model.objects.filter(agency=agency, number=number).exists():
                continue
            with translation.override("fr"):
                amount = format_amount(cents)
                amount = _("Montant TTC : %(amount)s") % {"amount": amount}
            pdf = simple_pdf(title, (str(client), agency.name, amount))
            billing_record_save(
                record=model(
                    agency=agency,
                    client=client,
                    number=number,
                    title=title,
                    issued_on=date(2026, 11, 2),
                    amount_cents=cents,
                    **fields,
                ),
                upload=SimpleUploadedFile(f"{number}.pdf", pdf),
            )
