"""How a checked download leaves: streamed from local disk, or a short-lived
redirect to the private bucket."""

import os

from django.conf import settings
from django.http import FileResponse, HttpResponseRedirect

from .validation import ascii_stem


def attachment_name(document) -> str:
    """The title as a file name, with the stored file's extension."""
    extension = os.path.splitext(document.file.name)[1]
    return f"{ascii_stem(document.title)}{extension}"


def storage_download_url(document) -> str | None:
    """A presigned URL (about a minute, attachment) when files live on S3; None for
    local files, which the API streams itself."""
    storage = document.file.storage
    if not hasattr(storage, "bucket_name"):
        return None
    disposition = f'attachment; filename="{attachment_name(document)}"'
    return storage.url(
        document.file.name,
        parameters={
            "ResponseContentDisposition": disposition,
            "ResponseContentType": document.content_type or "application/octet-stream",
        },
        expire=settings.PORTAL_DOWNLOAD_URL_SECONDS,
    )


def document_download(document, *, filename: str | None = None):
    """The response that hands a document over, once access is checked: a redirect
    to a presigned URL on S3, or the file streamed as an attachment that browsers
    neither sniff nor run."""
    url = storage_download_url(document)
    if url is not None:
        return HttpResponseRedirect(url)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=filename or attachment_name(document),
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
