"""media.services called directly: documents stored validated in their agency's
collection, published, shared with one more person, deleted file and all."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from media.models import PortalDocument, PortalDocumentGroupObjectPermission
from media.policies import document_policy
from media.services import (
    document_create,
    document_delete,
    document_publish,
    document_share,
    document_unpublish,
    document_unshare,
)
from tests.factories import ClientFactory, DocumentFactory, pdf_upload

pytestmark = pytest.mark.django_db


class TestDocumentCreate:
    def test_an_individual_document_is_stored_in_its_agencys_collection(
        self, agency, client_person
    ):
        document = document_create(
            agency=agency,
            title="Facture de novembre",
            upload=pdf_upload("facture.pdf"),
            owner=client_person,
            category="invoice",
            year=2026,
            period="2026-11",
        )
        document.refresh_from_db()
        assert (document.client, document.collection) == (
            client_person,
            agency.collection,
        )
        assert document.content_type == "application/pdf"
        assert document.file_size and document.file_hash
        assert (document.is_published, document.published_at) == (False, None)

    def test_a_document_published_at_creation_says_when(self, agency):
        document = document_create(
            agency=agency,
            title="Livret",
            upload=pdf_upload(),
            for_clients=True,
            publish=True,
        )
        assert document.is_published and document.published_at

    @pytest.mark.parametrize(
        ("whose", "category", "field"),
        [
            # A person of another agency: refused as a whole, before the file is read.
            ("stranger", "resource", NON_FIELD_ERRORS),
            ("own", "payslip", "category"),
        ],
    )
    def test_a_refusal_names_its_field_and_stores_nothing(
        self, agency, other_agency, client_person, whose, category, field
    ):
        owner = client_person if whose == "own" else ClientFactory(agency=other_agency)
        with pytest.raises(ValidationError) as error:
            document_create(
                agency=agency,
                title="Refusé",
                upload=pdf_upload(),
                owner=owner,
                category=category,
            )
        assert list(getattr(error.value, "error_dict", {NON_FIELD_ERRORS: 0})) == [
            field
        ]
        assert not PortalDocument.objects.filter(title="Refusé").exists()


class TestPublishing:
    def test_publishing_dates_the_document_once(self, agency):
        document = DocumentFactory(agency=agency, for_clients=True, publish=False)
        document_publish(document=document)
        first = document.published_at
        document_publish(document=document)
        document.refresh_from_db()
        assert document.is_published and document.published_at == first

    def test_unpublishing_hides_it_everywhere(self, client_account):
        document = DocumentFactory(
            agency=client_account.portal.agency, owner=client_account.client
        )
        document_unpublish(document=document)
        document.refresh_from_db()
        assert not document.is_published
        assert document not in document_policy.visible_to(client_account)


class TestSharing:
    @pytest.fixture
    def theirs(self, agency):
        return DocumentFactory(agency=agency, owner=ClientFactory(agency=agency))

    def test_a_share_opens_the_document_until_it_is_withdrawn(
        self, client_account, theirs
    ):
        document_share(document=theirs, person=client_account.client)
        document_share(document=theirs, person=client_account.client)  # once
        assert PortalDocumentGroupObjectPermission.objects.count() == 1
        assert theirs in document_policy.visible_to(client_account)
        document_unshare(document=theirs, person=client_account.client)
        assert theirs not in document_policy.visible_to(client_account)

    def test_a_person_of_another_agency_gets_no_share(self, other_agency, theirs):
        stranger = ClientFactory(agency=other_agency)
        with pytest.raises(ValidationError):
            document_share(document=theirs, person=stranger)
        stranger.refresh_from_db()
        assert stranger.group is None
        assert not PortalDocumentGroupObjectPermission.objects.exists()


class TestDelete:
    @pytest.fixture
    def stored(self, agency):
        document = DocumentFactory(agency=agency, for_clients=True)
        return document, document.file.storage, document.file.name

    def test_the_file_goes_once_the_deletion_is_committed(
        self, stored, django_capture_on_commit_callbacks
    ):
        document, storage, name = stored
        pk = document.pk
        with django_capture_on_commit_callbacks(execute=True):
            document_delete(document=document)
            assert storage.exists(name)
        assert not storage.exists(name)
        assert not PortalDocument.objects.filter(pk=pk).exists()

    def test_a_rolled_back_deletion_keeps_the_row_and_its_file(
        self, stored, django_capture_on_commit_callbacks
    ):
        document, storage, name = stored
        pk = document.pk
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                document_delete(document=document)
                raise RuntimeError("the rest of the change failed")
        assert callbacks == []
        assert storage.exists(name)
        assert PortalDocument.objects.filter(pk=pk).exists()
