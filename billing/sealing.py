"""The signed PDF: the original bytes, unchanged, then in one incremental update an
evidence page (reportlab) and the evidence chain as an embedded `preuve.json`, sealed
with a PAdES signature by the agency's certificate (pyHanko), time-stamped when a
time-stamping server is configured. The original stays a byte-for-byte prefix of the
signed file, so its SHA-256 in the evidence can be checked against it."""

import hashlib
import io
import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from .evidence import evidence_json
from .evidence_display import contact_lines

FIELD = "CachetAgence"


class SealError(Exception):
    pass


def seal_paths(agency) -> tuple[Path, Path]:
    return (
        Path(settings.PORTAL_SEAL_PKCS12.format(agency=agency.slug)),
        Path(settings.PORTAL_SEAL_ROOT.format(agency=agency.slug)),
    )


def _lines(signature, events) -> list[str]:
    record = signature.record
    lines = [
        _("Document : %(title)s, n° %(number)s")
        % {"title": record.title, "number": record.number},
        _("Client : %(name)s") % {"name": signature.client},
        _("Empreinte SHA-256 du PDF présenté : %(hash)s")
        % {"hash": signature.document_sha256},
        _("Conditions générales : version %(version)s, SHA-256 %(hash)s")
        % {"version": signature.terms.version, "hash": signature.terms.sha256},
        "",
    ]
    for event in events:
        data = event["data"]
        detail = {
            "opened": data.get("ip"),
            "code_sent": f"{data.get('channel')} {data.get('destination')}",
            "terms_accepted": data.get("consent"),
        }.get(event["step"], "")
        lines.append(
            f"{event['sequence']}. {event['at']} {event['step']} {detail or ''}"
        )
        if event["step"] == "code_sent" and data.get("contact"):
            # Whose address the code went to, in words: preuve.json has it too.
            lines += [
                f"   {label} : {text}"
                for label, text in contact_lines(data["contact"], signature.agency)
            ]
        lines.append(f"   {event['hash']}")
    return lines


def evidence_page(signature, events) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setTitle(_("Preuve de signature électronique"))
    y = A4[1] - 20 * mm
    page.setFont("Helvetica-Bold", 14)
    page.drawString(20 * mm, y, _("Preuve de signature électronique"))
    y -= 10 * mm
    page.setFont("Helvetica", 8)
    for line in _lines(signature, events):
        for start in range(0, max(len(line), 1), 110):
            if y < 20 * mm:
                break  # the full chain is in preuve.json
            page.drawString(20 * mm, y, line[start : start + 110])
            y -= 4.5 * mm
    page.showPage()
    page.save()
    return out.getvalue()


def _append_page(writer, pdf: bytes) -> None:
    form = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)))
    content = generic.StreamObject(stream_data=b"q /Preuve Do Q")
    writer.insert_page(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Page"),
                pdf_name("/MediaBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, A4[0], A4[1])]
                ),
                pdf_name("/Resources"): generic.DictionaryObject(
                    {
                        pdf_name("/XObject"): generic.DictionaryObject(
                            {pdf_name("/Preuve"): form}
                        )
                    }
                ),
                pdf_name("/Contents"): writer.add_object(content),
            }
        )
    )


def timestamper():
    """The configured RFC 3161 time-stamping server, or None."""
    url = settings.PORTAL_TIMESTAMP_URL
    return timestamps.HTTPTimeStamper(url) if url else None


def seal(signature, original: bytes) -> bytes:
    """The signed PDF of a signature whose code was verified."""
    if hashlib.sha256(original).hexdigest() != signature.document_sha256:
        raise SealError("the PDF changed since it was shown to the client")
    pkcs12, _root = seal_paths(signature.agency)
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            pkcs12.read_bytes(),
            other_certs=[],
            passphrase=(settings.PORTAL_SEAL_PASSWORD or "").encode() or None,
        )
    except (OSError, ValueError) as error:
        raise SealError(f"cannot read the seal {pkcs12}: {error}") from error
    events = evidence_json(signature)
    writer = IncrementalPdfFileWriter(io.BytesIO(original), strict=False)
    _append_page(writer, evidence_page(signature, events))
    proof = json.dumps(
        {"signature": signature.pk, "events": events}, ensure_ascii=False, indent=2
    ).encode()
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string="preuve.json",
            file_name="preuve.json",
            embedded_data=embed.EmbeddedFileObject.from_file_data(
                writer,
                data=proof,
                mime_type="application/json",
                params=embed.EmbeddedFileParams(
                    creation_date=timezone.now(), modification_date=timezone.now()
                ),
            ),
            description=_("Preuve de signature électronique"),
        ),
    )
    out = io.BytesIO()
    signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name=FIELD,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=_("Signature électronique du client"),
            name=signature.agency.name,
        ),
        signer=signer,
        timestamper=timestamper(),
        output=out,
    )
    return out.getvalue()


def verify(pdf: bytes, agency) -> dict:
    """Re-validate a sealed PDF: intact, trusted against the agency's root, and
    time-stamped or not."""
    _pkcs12, root = seal_paths(agency)
    from asn1crypto import pem, x509

    data = root.read_bytes()
    if pem.detect(data):
        data = pem.unarmor(data)[2]
    context = ValidationContext(
        trust_roots=[x509.Certificate.load(data)], allow_fetching=False
    )
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    embedded = [s for s in reader.embedded_signatures if s.field_name == FIELD]
    if not embedded:
        return {"intact": False, "trusted": False, "timestamped": False}
    status = validate_pdf_signature(embedded[-1], context)
    return {
        "intact": bool(status.intact and status.valid),
        "trusted": bool(status.trusted),
        "timestamped": status.timestamp_validity is not None,
        "covers_whole_file": status.coverage.name == "ENTIRE_FILE",
        "signed_at": status.signer_reported_dt,
    }
