"""Documents by reference, as multipart: the admin's upload rules and the locks of
signed or paid documents apply; the same body twice writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cms.demo_pdf import simple_pdf
from integration.models import DocumentRef
from media.models import PortalDocument
from tests.agency_api.conftest import listed_refs
from tests.factories import (
    AgencyFactory,
    DocumentFactory,
    QuoteFactory,
    image_upload,
)
from tests.factories.integration import agency_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people")]

URL = agency_url("documents/D-1")


def pdf(text="Planning de novembre", name="planning.pdf"):
    return SimpleUploadedFile(name, simple_pdf(text), content_type="application/pdf")


def body(**changes):
    return {"file": pdf(), "title": "Planning", "for_clients": "true", **changes}


def put(api, url=URL, **changes):
    return api.put(url, body(**changes), format="multipart")


class TestUpsert:
    def test_a_collective_document_then_unchanged_then_updated(
        self, api, django_capture_on_commit_callbacks
    ):
        created = put(api)
        assert created.status_code == 201, created.content
        answer = created.json()
        assert answer["result"] == "created"
        assert answer["external_ref"] == "D-1"
        assert (answer["for_clients"], answer["is_published"]) == (True, True)
        assert answer["content_type"] == "application/pdf"
        document = PortalDocument.objects.get(agency=api.agency)
        stored = document.file.name

        again = put(api)
        assert (again.status_code, again.json()["result"]) == (200, "unchanged")
        document.refresh_from_db()
        assert document.file.name == stored

        with django_capture_on_commit_callbacks(execute=True):
            new_file = put(api, file=pdf("Planning de décembre"))
        assert new_file.json()["result"] == "updated"
        document.refresh_from_db()
        assert document.file.name != stored
        assert not document.file.storage.exists(stored)  # the old file went

        renamed = api.put(
            URL,
            {"title": "Planning révisé", "for_clients": "true"},
            format="multipart",
        )  # no file: the file stays
        assert renamed.json()["result"] == "updated"
        assert renamed.json()["title"] == "Planning révisé"
        assert PortalDocument.objects.count() == 1

    def test_a_document_of_a_person_by_ref(self, api):
        answer = put(api, client="C-1", for_clients="false", category="invoice",
                     year="2026", period="2026-11")  # fmt: skip
        assert answer.status_code == 201, answer.content
        assert answer.json()["client"] == "C-1"
        document = PortalDocument.objects.get()
        assert (document.client.external_ref, document.category) == ("C-1", "invoice")
        assert (document.year, document.period) == (2026, "2026-11")

    def test_unpublished_then_published(self, api):
        put(api, publish="false")
        document = PortalDocument.objects.get()
        assert not document.is_published
        assert put(api, publish="true").json()["result"] == "updated"
        document.refresh_from_db()
        assert document.is_published and document.published_at

    def test_a_reference_made_meanwhile_leaves_no_file_behind(self, api, monkeypatch):
        put(api)
        storage = PortalDocument.objects.get().file.storage
        before = set(storage.listdir("documents")[1])
        real = DocumentRef.objects.select_for_update
        calls = []

        def blind_the_first_time():
            # As when another request's new reference was not yet committed.
            calls.append(1)
            return real().none() if len(calls) == 1 else real()

        monkeypatch.setattr(
            DocumentRef.objects, "select_for_update", blind_the_first_time
        )
        answer = put(api, file=pdf("Planning de décembre"))
        assert answer.json()["result"] == "updated", answer.content
        assert len(calls) == 2
        new_files = set(storage.listdir("documents")[1]) - before
        assert new_files == {PortalDocument.objects.get().file.name.split("/")[-1]}


class TestRefusals:
    @pytest.mark.parametrize(
        "changes,field",
        [
            ({"client": "INCONNU", "for_clients": "false"}, "client"),
            ({"client": "C-1", "intervenant": "I-1", "for_clients": "false"},
             "intervenant"),
            ({"client": "C-1"}, "for_clients"),
            ({"for_clients": "false"}, "for_clients"),
            ({"intervenant": "I-1", "for_clients": "false", "category": "invoice"},
             "category"),
            ({"category": "payslip"}, "category"),
            ({"title": ""}, "title"),
        ],
    )  # fmt: skip
    def test_invalid_fields(self, api, changes, field):
        answer = put(api, **changes)
        assert answer.status_code == 400, answer.content
        assert answer.json()["error"]["code"] == "invalid"
        assert field in answer.json()["error"]["fields"]
        assert not PortalDocument.objects.exists()
        assert not DocumentRef.objects.exists()

    def test_a_file_is_needed_to_create(self, api):
        answer = api.put(URL, {"title": "Planning", "for_clients": "true"},
                         format="multipart")  # fmt: skip
        assert answer.status_code == 400
        assert "file" in answer.json()["error"]["fields"]

    @pytest.mark.parametrize(
        "upload,message",
        [
            (SimpleUploadedFile("note.pdf", b"just text"), "Type de fichier non"),
            (SimpleUploadedFile("vide.pdf", b""), "Le fichier est vide."),
        ],
    )
    def test_the_upload_rules_apply(self, api, upload, message):
        answer = put(api, file=upload)
        assert answer.status_code == 400, answer.content
        assert answer.json()["error"]["fields"]["file"][0].startswith(message)
        assert not PortalDocument.objects.exists()

    def test_too_large(self, api, settings):
        settings.PORTAL_DOCUMENT_MAX_SIZE = 100
        answer = put(api)
        assert answer.status_code == 400
        assert "taille maximale" in answer.json()["error"]["fields"]["file"][0]

    def test_decompression_bombs_are_refused(self, api, monkeypatch):
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 4)
        answer = put(api, file=image_upload())
        assert answer.status_code == 400
        assert "trop grande" in answer.json()["error"]["fields"]["file"][0]

    def test_a_safe_name_is_stored(self, api):
        put(api, file=pdf(name="../../Été 2026 (v2).exe"))
        name = PortalDocument.objects.get().file.name
        assert name.startswith("documents/Ete_2026_v2") and name.endswith(".pdf")

    def test_a_too_long_reference(self, api):
        answer = put(api, url=agency_url(f"documents/{'D' * 101}"))
        assert answer.status_code == 400
        assert "external_ref" in answer.json()["error"]["fields"]
        assert not PortalDocument.objects.exists()

    def test_a_signed_document_is_locked(self, api):
        quote = QuoteFactory(client=api.agency.clients.get(), status="signed")
        DocumentRef.objects.create(
            agency=api.agency, external_ref="D-1", document=quote.document
        )
        answer = put(api, client="C-1", for_clients="false", category="quote")
        assert answer.status_code == 423, answer.content
        assert answer.json()["error"]["code"] == "locked"
        assert "signé" in answer.json()["error"]["message"]
        deleted = api.delete(URL)
        assert (deleted.status_code, deleted.json()["error"]["code"]) == (
            423,
            "locked",
        )
        assert PortalDocument.objects.filter(pk=quote.document.pk).exists()


class TestReads:
    def test_get_list_and_delete(self, api):
        put(api)
        # Made in the admin: listed, with no reference of the agency's.
        DocumentFactory(agency=api.agency, for_intervenants=True)
        DocumentFactory(agency=AgencyFactory(), for_clients=True)
        item = api.get(URL)
        assert (item.status_code, item.json()["external_ref"]) == (200, "D-1")
        assert listed_refs(api, "documents") == ["D-1", None]
        assert api.delete(URL).status_code == 204
        assert api.get(URL).status_code == 404
        assert api.delete(URL).status_code == 404
        assert PortalDocument.objects.filter(agency=api.agency).count() == 1

    def test_the_list_reads_in_the_same_queries_at_1x_and_10x(
        self, api, django_assert_num_queries
    ):
        def make(count):
            for _ in range(count):
                DocumentFactory(agency=api.agency, owner=api.agency.clients.get())

        make(1)
        with django_assert_num_queries(3) as first:
            api.get(agency_url("documents"))
        make(9)
        with django_assert_num_queries(len(first.captured_queries)):
            rows = api.get(agency_url("documents")).json()["results"]
        assert len(rows) == 10

    def test_the_list_gives_what_changed_since_even_in_bulk(self, api):
        owner = api.agency.clients.get()
        kept, unpublished = DocumentFactory.create_batch(
            2, agency=api.agency, owner=owner
        )
        since = timezone.now()
        PortalDocument.objects.filter(pk=unpublished.pk).update(is_published=False)
        answer = api.get(agency_url("documents"), {"updated_since": since.isoformat()})
        assert [row["id"] for row in answer.json()["results"]] == [unpublished.pk]


def test_the_schema_declares_the_multipart_bodies(client):
    schema = client.get(agency_url("schema/"), HTTP_ACCEPT="application/json").json()
    for path, field in [
        ("documents/{ref}", "file"),
        ("quotes/{ref}", "pdf"),
        ("contracts/{ref}", "pdf"),
        ("invoices/{ref}", "pdf"),
    ]:
        content = schema["paths"][agency_url(path)]["put"]["requestBody"]["content"]
        assert list(content) == ["multipart/form-data"]
        name = content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
        properties = schema["components"]["schemas"][name]["properties"]
        assert properties[field]["format"] == "binary"
    assert "QuoteStatusEnum" in schema["components"]["schemas"]
