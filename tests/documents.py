"""Builders for documents in tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from cms.demo_pdf import simple_pdf
from media.services import document_create


def pdf_upload(name="document.pdf", title="Document"):
    return SimpleUploadedFile(name, simple_pdf(title), content_type="application/pdf")


def make_document(agency, *, title="Document", owner=None, publish=True, **fields):
    return document_create(
        agency=agency,
        title=title,
        upload=pdf_upload(title=title),
        owner=owner,
        publish=publish,
        **fields,
    )
