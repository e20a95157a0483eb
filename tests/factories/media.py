"""Documents, stored through `document_create` (validated, in the agency's
collection, published unless told not to)."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from media.services import document_create

from .base import made_by


def pdf_upload(name="document.pdf", title="Document"):
    """A small valid PDF, as a browser would upload it."""
    return SimpleUploadedFile(name, simple_pdf(title), content_type="application/pdf")


def image_upload(name="image.png", fmt="PNG"):
    """A small valid image: accepted as a document, refused where a PDF is due."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


class DocumentFactory(made_by(document_create)):
    """A document of `agency` (required): individual with `owner`, collective with
    `for_clients` / `for_intervenants`."""

    title = "Document"
    publish = True
    upload = factory.LazyAttribute(lambda document: pdf_upload(title=document.title))

    class Meta:
        model = PortalDocument
