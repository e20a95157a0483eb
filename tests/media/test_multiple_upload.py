"""Wagtail's multiple upload (Documents > Ajouter plusieurs) checks every file as the
single upload does and records its sniffed type; it never parks a file in the
public media storage (issue 11, hardening)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import UploadedFile

from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from tests.conftest import sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_of_two(client, agency, other_agency):
    """Staff of two agencies: Wagtail cannot guess the collection for them."""
    user = StaffFactory(agency=agency)
    user.groups.add(other_agency.staff_group)
    return sign_in(client, user), user


def park(user, name, content):
    """A file as Wagtail's multiple upload parks it while its form is incomplete."""
    return UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(PortalDocument),
        file=SimpleUploadedFile(name, content),
        uploaded_by_user=user,
    )


def finish(staff, upload, agency, title="Lot"):
    prefix = f"uploaded-document-{upload.pk}"
    return staff.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload.pk]),
        {f"{prefix}-title": title, f"{prefix}-collection": agency.collection.pk},
    )


def test_a_file_without_its_agency_is_refused_not_parked(staff_of_two):
    staff, _user = staff_of_two
    response = staff.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("Facture.pdf", simple_pdf("x"))},
    )
    body = response.json()
    assert body["success"] is False
    assert "Choisissez la collection d'une agence." in body["error_message"]
    assert not UploadedFile.objects.exists()
    assert not PortalDocument.objects.exists()


def test_a_parked_file_becomes_a_document_with_its_sniffed_type(staff_of_two, agency):
    staff, user = staff_of_two
    upload = park(user, "Relevé heures.PDF", simple_pdf("x"))
    response = finish(staff, upload, agency)
    assert response.json()["success"] is True
    document = PortalDocument.objects.get(title="Lot")
    assert document.content_type == "application/pdf"
    assert document.file.name == "documents/Releve_heures.pdf"
    assert document.agency == agency


def test_a_parked_file_of_a_refused_type_never_becomes_a_document(staff_of_two, agency):
    staff, user = staff_of_two
    upload = park(user, "page.pdf", b"<html><script>alert(1)</script></html>")
    response = finish(staff, upload, agency)
    body = response.json()
    assert body["success"] is False
    assert "Type de fichier non accepté" in body["form"]
    assert not PortalDocument.objects.exists()
