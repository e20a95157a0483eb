"""Documents, stored through `document_create` (validated, in the agency's
collection, published unless told not to)."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from media.services import document_create


def pdf_upload(name="document.pdf", title="Document"):
    """A small valid PDF, as a browser would upload it."""
    return SimpleUploadedFile(name, simple_pdf(title), content_type="application/pdf")


def image_upload(name="image.png", fmt="PNG"):
    """A small valid image: accepted as a document, refused where a PDF is due."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document of `agency` (required): individual with `owner`, collective with
    `for_clients` / `for_intervenants`."""

    title = "Document"
    publish = True

    class Meta:
        model = PortalDocument

    @classmethod
    def _create(cls, model_class, *args, **fields):
        return document_create(upload=pdf_upload(title=fields["title"]), **fields)
