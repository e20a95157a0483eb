"""The demo's documents: a few of each kind, small real PDFs (idempotent by title)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from media.models import PortalDocument
from media.services import document_create

from .demo_pdf import simple_pdf

# Quotes, contracts and invoices come with their records (cms/demo_billing.py).
# (title, category, year, period): the admin shows the period ("octobre 2026")
# when there is one, else the year.
CLIENT_DOCUMENTS = [
    ("Attestation fiscale 2025", "tax_certificate", 2025, ""),
    ("Attestation CAF 2025", "caf_certificate", 2025, ""),
]
INTERVENANT_DOCUMENTS = [
    ("Bulletin de salaire septembre 2026", "payslip", 2026, "2026-09"),
    ("Bulletin de salaire octobre 2026", "payslip", 2026, "2026-10"),
]


def _pdf(title, lines):
    return SimpleUploadedFile("document.pdf", simple_pdf(title, lines))


def _add(agency, title, lines, **fields):
    owner = fields.get("owner")
    existing = PortalDocument.objects.filter(agency=agency, title=title)
    if owner is not None:
        existing = existing.filter(**{owner.portal_kind: owner})
    if not existing.exists():
        document_create(
            agency=agency,
            title=title,
            upload=_pdf(title, lines),
            publish=True,
            **fields,
        )


def seed_documents(agency) -> None:
    owners = [
        (agency.clients.filter(accounts__isnull=False).distinct(), CLIENT_DOCUMENTS),
        (agency.intervenants.all(), INTERVENANT_DOCUMENTS),
    ]
    for people, documents in owners:
        for person in people:
            for title, category, year, period in documents:
                _add(
                    agency,
                    title.format(ref=person.external_ref),
                    (str(person), agency.name),
                    owner=person,
                    category=category,
                    year=year,
                    period=period,
                )
    _add(
        agency,
        f"Livret d'accueil — {agency.name}",
        ("Bienvenue",),
        for_clients=True,
        category="resource",
    )
    _add(
        agency,
        f"Charte de l'intervenant — {agency.name}",
        ("Nos engagements",),
        for_intervenants=True,
        category="resource",
    )
