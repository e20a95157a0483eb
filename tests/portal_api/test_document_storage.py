"""Downloads from S3 (a moto server on localhost) and file clean-up."""

import io
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.core.management import call_command

from media.models import PortalDocument
from media.services import document_delete
from tests.conftest import portal_url, signed_in
from tests.factories import DocumentFactory
from tests.s3 import S3Server

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3(settings):
    with S3Server() as server:
        settings.STORAGES = server.storages(settings)
        yield server


@pytest.fixture(autouse=True)
def documents_on(agency):
    from home_pages.services import portal_page_configure

    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "invoices", "resources"],
    )


class TestS3Download:
    def test_files_go_to_the_private_bucket_and_download_redirects_briefly(
        self, s3, agency, client_account, client_person
    ):
        document = DocumentFactory(
            agency=agency, title="Facture S3", owner=client_person, category="invoice"
        )
        # Under the documents' own prefix, apart from the public media.
        key = f"private/{document.file.name}"
        assert s3.client.head_object(Bucket=s3.bucket, Key=key)["ContentLength"] > 0
        acl = s3.client.get_object_acl(Bucket=s3.bucket, Key=key)
        assert not any("AllUsers" in str(grant) for grant in acl["Grants"])
        response = signed_in(client_account).get(
            portal_url("alpha-clients", f"documents/{document.pk}/download")
        )
        assert response.status_code == 302
        url = response["Location"]
        query = parse_qs(urlparse(url).query)
        assert url.startswith(s3.endpoint)
        assert query["response-content-disposition"] == [
            'attachment; filename="Facture_S3.pdf"'
        ]
        expires = int(query.get("X-Amz-Expires", query.get("Expires", ["0"]))[0])
        assert 0 < expires <= 120
        fetched = requests.get(url, timeout=10)
        assert fetched.status_code == 200 and fetched.content.startswith(b"%PDF-")

    def test_same_named_files_never_overwrite_each_other(self, s3, agency):
        first = DocumentFactory(agency=agency, title="Un", for_clients=True)
        second = DocumentFactory(agency=agency, title="Un", for_clients=True)
        assert first.file.name != second.file.name

    def test_lists_sign_no_url(self, s3, agency, client_account):
        DocumentFactory(agency=agency, title="Livret", for_clients=True)
        body = signed_in(client_account).get(portal_url("alpha-clients", "documents"))
        assert "X-Amz" not in body.content.decode()

    def test_files_left_at_the_buckets_root_move_under_the_private_prefix(
        self, s3, agency
    ):
        document = DocumentFactory(agency=agency, title="Ancien", for_clients=True)
        name = document.file.name
        # As before the private storage existed: the file at the bucket's root.
        s3.client.copy_object(
            Bucket=s3.bucket,
            Key=name,
            CopySource={"Bucket": s3.bucket, "Key": f"private/{name}"},
        )
        s3.client.delete_object(Bucket=s3.bucket, Key=f"private/{name}")
        call_command("documents_move_private", stdout=io.StringIO())
        listing = s3.client.list_objects_v2(Bucket=s3.bucket)["Contents"]
        keys = {item["Key"] for item in listing}
        assert f"private/{name}" in keys
        assert name not in keys

    def test_a_foreign_document_is_not_redirected(
        self, s3, agency, client_account, other_agency
    ):
        foreign = DocumentFactory(
            agency=other_agency, title="Ailleurs", for_clients=True
        )
        response = signed_in(client_account).get(
            portal_url("alpha-clients", f"documents/{foreign.pk}/download")
        )
        assert response.status_code == 404


class TestFileCleanUp:
    def test_deleting_a_document_removes_its_file_after_commit(
        self, agency, django_capture_on_commit_callbacks
    ):
        document = DocumentFactory(agency=agency, title="Temp", for_clients=True)
        storage, name = document.file.storage, document.file.name
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            document_delete(document=document)
        assert storage.exists(name)  # not before the commit
        for callback in callbacks:
            callback()
        assert not storage.exists(name)
        assert not PortalDocument.objects.filter(pk=document.pk).exists()

    def test_deleting_an_account_deletes_no_document(
        self, agency, client_account, client_person
    ):
        from access.services import portal_account_delete

        document = DocumentFactory(agency=agency, title="Reste", owner=client_person)
        portal_account_delete(account=client_account)
        assert PortalDocument.objects.filter(pk=document.pk).exists()
