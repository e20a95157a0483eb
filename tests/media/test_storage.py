"""Documents live in the private storage, apart from the public media (images and
their renditions), with no URL of their own (issue 11, hardening)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from media.models import PortalDocument
from media.storage import move_to_private
from tests.conftest import portal_url, signed_in
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_a_documents_file_is_stored_outside_the_public_media(agency, settings):
    document = DocumentFactory(agency=agency, title="Bulletin", for_clients=True)
    path = document.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert not (settings.MEDIA_ROOT / document.file.name).exists()


def test_a_document_has_no_url_of_its_own(agency):
    document = DocumentFactory(agency=agency, title="Bulletin", for_clients=True)
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018
    # Wagtail's own link goes through its checked serve view.
    assert document.url.startswith("/documents/")


def test_images_stay_public(agency, settings):
    image = get_image_model().objects.create(
        title="Logo", file=get_test_image_file(), collection=agency.collection
    )
    assert image.file.path.startswith(str(settings.MEDIA_ROOT))
    assert image.file.url.startswith(settings.MEDIA_URL)


def test_downloads_still_stream_from_the_private_storage(
    agency, client_account, client_person
):
    from home_pages.services import portal_page_configure

    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "invoices", "resources"],
    )
    document = DocumentFactory(
        agency=agency, title="Facture", owner=client_person, category="invoice"
    )
    response = signed_in(client_account).get(
        portal_url("alpha-clients", f"documents/{document.pk}/download")
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


class TestMovingExistingFiles:
    def test_files_left_in_the_public_media_move_under_their_names(self, agency):
        document = DocumentFactory(agency=agency, title="Ancien", for_clients=True)
        name = document.file.name
        public, private = storages["default"], storages["private"]
        with document.file.open("rb") as stream:
            content = stream.read()
        # As before the private storage existed: the file in the public media.
        private.delete(name)
        public.save(name, ContentFile(content))

        out = io.StringIO()
        call_command("documents_move_private", stdout=out)
        assert out.getvalue().startswith("1 ")

        assert not public.exists(name)
        with private.open(name, "rb") as stream:
            assert stream.read() == content
        assert PortalDocument.objects.get(pk=document.pk).file.name == name

    def test_moving_again_changes_nothing(self, agency):
        document = DocumentFactory(agency=agency, title="Déjà", for_clients=True)
        assert move_to_private([document.file.name]) == 0
        assert storages["private"].exists(document.file.name)
