import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from media.validation import safe_file_name, validate_upload
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def image_bytes(fmt, size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


class TestAcceptedTypes:
    @pytest.mark.parametrize(
        "name,content,expected",
        [
            ("a.pdf", simple_pdf("x"), "application/pdf"),
            ("a.png", image_bytes("PNG"), "image/png"),
            ("a.jpg", image_bytes("JPEG"), "image/jpeg"),
            ("a.webp", image_bytes("WEBP"), "image/webp"),
            (
                "a.docx",
                docx_bytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ],
    )
    def test_accepted_files_are_sniffed_from_their_content(
        self, name, content, expected
    ):
        assert validate_upload(upload(name, content)) == expected

    def test_the_name_does_not_decide_the_type(self):
        assert validate_upload(upload("photo.pdf", image_bytes("PNG"))) == "image/png"

    @pytest.mark.parametrize(
        "content",
        [
            b"<html><script>alert(1)</script></html>",
            b"MZ\x90\x00 executable",
            b"plain text",
        ],
    )
    def test_other_content_is_refused(self, content):
        with pytest.raises(ValidationError) as error:
            validate_upload(upload("facture.pdf", content))
        assert "Type de fichier non accepté" in error.value.messages[0]

    def test_a_plain_zip_is_refused(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("evil.sh", "rm -rf /")
        with pytest.raises(ValidationError):
            validate_upload(upload("a.docx", buffer.getvalue()))


class TestLimits:
    def test_files_over_the_size_limit_are_refused(self, settings):
        settings.PORTAL_DOCUMENT_MAX_SIZE = 100
        with pytest.raises(ValidationError) as error:
            validate_upload(upload("a.pdf", simple_pdf("x" * 50)))
        assert "taille maximale" in error.value.messages[0]

    def test_empty_files_are_refused(self):
        with pytest.raises(ValidationError):
            validate_upload(upload("a.pdf", b""))

    def test_decompression_bombs_are_refused(self, monkeypatch):
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
        with pytest.raises(ValidationError) as error:
            validate_upload(upload("a.png", image_bytes("PNG", (20, 20))))
        assert error.value.code == "bomb"

    def test_a_truncated_image_is_refused(self):
        with pytest.raises(ValidationError):
            validate_upload(upload("a.png", image_bytes("PNG")[:40]))


class TestFileNames:
    @pytest.mark.parametrize(
        "name,expected",
        [
            ("../../etc/passwd.pdf", "passwd.pdf"),
            ("Facture été 2026 (1).PDF", "Facture_ete_2026_1.pdf"),
            ("", "document.pdf"),
            ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
        ],
    )
    def test_names_are_made_safe_with_the_sniffed_extension(self, name, expected):
        assert safe_file_name(name, "application/pdf") == expected

    def test_the_stored_extension_is_the_sniffed_one(self, agency):
        document = DocumentFactory(agency=agency, title="x", for_clients=True)
        assert document.file.name.endswith(".pdf")


class TestNothingHalfSaved:
    def test_a_refused_upload_saves_no_row_and_no_file(self, agency, settings):
        from media.services import document_create

        documents_dir = settings.PRIVATE_MEDIA_ROOT / "documents"
        files_before = set(documents_dir.glob("*")) if documents_dir.exists() else set()
        rows_before = PortalDocument.objects.count()
        with pytest.raises(ValidationError):
            document_create(
                agency=agency, title="x", upload=upload("refused.pdf", b"nope")
            )
        assert PortalDocument.objects.count() == rows_before
        files_after = set(documents_dir.glob("*")) if documents_dir.exists() else set()
        assert files_after == files_before


def zip_with_huge_mimetype(size=50 * 1024 * 1024):
    """A zip whose `mimetype` member is `size` bytes of zeros: ~50 KB deflated."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class TestZipBombs:
    def test_a_huge_mimetype_member_is_refused_without_being_read_whole(
        self, monkeypatch
    ):
        content = zip_with_huge_mimetype()
        assert len(content) < 1024 * 1024
        sizes = []
        real_read = zipfile.ZipExtFile.read

        def spy_read(self, n=-1):
            sizes.append(n)
            return real_read(self, n)

        monkeypatch.setattr(zipfile.ZipExtFile, "read", spy_read)
        with pytest.raises(ValidationError) as error:
            validate_upload(upload("a.docx", content))
        assert error.value.code == "zip_member"
        assert "anormalement volumineux" in error.value.messages[0]
        assert all(n is not None and 0 <= n <= 4096 for n in sizes)

    def test_an_opendocument_mimetype_is_still_read(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        assert (
            validate_upload(upload("a.odt", buffer.getvalue()))
            == "application/vnd.oasis.opendocument.text"
        )
