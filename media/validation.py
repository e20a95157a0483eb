"""What an upload must be before it is stored: small enough, of an accepted type
sniffed from its content (never trusting its name), images that Pillow opens without
a decompression bomb, and a safe file name."""

import os
import re
import unicodedata
import warnings
import zipfile
import zlib

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

# Sniffed type -> extension of the stored file.
ACCEPTED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
}
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
OFFICE_ZIP_MARKERS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


# The most read from any zip member: an OpenDocument `mimetype` is under 80 bytes.
ZIP_MEMBER_READ_LIMIT = 512


def _read_zip_member(archive, name: str, limit: int = ZIP_MEMBER_READ_LIMIT) -> bytes:
    """At most `limit` bytes of one member, its declared size checked first: a
    member that declares (or expands to) more is refused, never read whole."""
    info = archive.getinfo(name)
    data = b""
    if info.file_size <= limit:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    if info.file_size > limit or len(data) > limit:
        raise ValidationError(
            _("Ce document bureautique contient un élément anormalement volumineux."),
            code="zip_member",
        )
    return data


def _zip_office_type(upload) -> str | None:
    """The office type a zip declares, reading only its names and at most a few
    hundred bytes of its `mimetype` member."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = (
                    _read_zip_member(archive, "mimetype")
                    .decode("ascii", "replace")
                    .strip()
                )
                return mimetype if mimetype in ACCEPTED else None
            for prefix, mimetype in OFFICE_ZIP_MARKERS.items():
                if any(name.startswith(prefix) for name in names):
                    return mimetype
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError):
        # Corrupt, encrypted or oddly compressed: not an office document we accept.
        return None
    finally:
        upload.seek(0)
    return None


def sniff_content_type(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(OLE_SIGNATURE):
        name = (getattr(upload, "name", "") or "").lower()
        return (
            "application/vnd.ms-excel"
            if name.endswith(".xls")
            else "application/msword"
        )
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime == "application/zip" or kind.extension in {
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
    }:
        return _zip_office_type(upload)
    return kind.mime if kind.mime in ACCEPTED else None


def _check_image(upload) -> None:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Past Pillow's pixel limit the image is refused, not merely warned about.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("Cette image est trop grande pour être ouverte sans risque."), code="bomb"
        ) from error
    except Exception as error:  # noqa: BLE001 — any decoding failure means a bad image
        raise ValidationError(_("Cette image est illisible."), code="image") from error
    finally:
        upload.seek(0)


def ascii_stem(text: str) -> str:
    """Letters, digits, - and _ only, at most 80 of them; "document" if none."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    cleaned = re.sub(r"_+", "_", re.sub(r"[^\w-]+", "_", plain)).strip("._-")
    return cleaned[:80] or "document"


def safe_file_name(name: str, content_type: str) -> str:
    """A name safe on every storage: no path, no odd characters, the sniffed
    extension."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    return f"{ascii_stem(stem)}.{ACCEPTED[content_type]}"


def validate_upload(upload) -> str:
    """Check an uploaded file; return its sniffed content type."""
    limit = settings.PORTAL_DOCUMENT_MAX_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("Le fichier dépasse la taille maximale de %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError(
            _(
                "Type de fichier non accepté : PDF, images (PNG, JPEG, WebP) ou "
                "documents bureautiques seulement."
            ),
            code="type",
        )
    if content_type.startswith("image/"):
        _check_image(upload)
    return content_type
