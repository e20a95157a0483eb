import pytest

from home_pages.menu import MENUS
from home_pages.services import portal_page_configure
from media.services import document_publish, document_share, document_unpublish
from portal_api.documents import DocumentPage, DocumentSerializer
from tests.conftest import portal_url, signed_in
from tests.factories import (
    PASSWORD,
    ClientFactory,
    DocumentFactory,
    PortalAccountFactory,
)

from .declared import assert_written_as_declared

pytestmark = pytest.mark.django_db

# The documents section with every category under it, as the client menu has them.
_DOCUMENTS = next(section for section in MENUS["client"] if section.key == "documents")
ALL_CLIENT_SECTIONS = [_DOCUMENTS.key, *(child.key for child in _DOCUMENTS.children)]


@pytest.fixture(autouse=True)
def documents_on(agency, other_agency):
    for one in (agency, other_agency):
        portal_page_configure(
            page=one.portals.get(kind="client").page, menu_sections=ALL_CLIENT_SECTIONS
        )
        portal_page_configure(
            page=one.portals.get(kind="intervenant").page,
            menu_sections=["administrative", "payslips", "other_documents"],
        )


@pytest.fixture
def docs(agency, other_agency, client_person, intervenant_account):
    neighbour = ClientFactory(agency=agency)
    return {
        "mine": DocumentFactory(
            agency=agency,
            title="Ma facture",
            owner=client_person,
            category="invoice",
            year=2026,
        ),
        "neighbour": DocumentFactory(
            agency=agency, title="Facture voisine", owner=neighbour, category="invoice"
        ),
        "clients": DocumentFactory(
            agency=agency, title="Livret d'accueil", for_clients=True
        ),
        "intervenants": DocumentFactory(
            agency=agency, title="Charte", for_intervenants=True
        ),
        "payslip": DocumentFactory(
            agency=agency,
            title="Bulletin",
            category="payslip",
            owner=intervenant_account.intervenant,
        ),
        "other_agency": DocumentFactory(
            agency=other_agency, title="Ailleurs", for_clients=True
        ),
        "unpublished": DocumentFactory(
            agency=agency, title="Brouillon", for_clients=True, publish=False
        ),
    }


def titles(response):
    return {item["title"] for item in response.json()["results"]}


def list_as(account, key="alpha-clients", **params):
    return signed_in(account).get(portal_url(key, "documents"), params)


class TestList:
    def test_a_client_sees_their_own_and_their_agency_client_documents(
        self, docs, client_account
    ):
        assert titles(list_as(client_account)) == {"Ma facture", "Livret d'accueil"}

    def test_an_intervenant_sees_their_payslips_and_intervenant_documents(
        self, docs, intervenant_account
    ):
        response = list_as(intervenant_account, "alpha-intervenants")
        assert titles(response) == {"Bulletin", "Charte"}

    def test_items_carry_the_contract_fields_and_no_signed_url(
        self, docs, client_account
    ):
        item = next(
            i
            for i in list_as(client_account).json()["results"]
            if i["title"] == "Ma facture"
        )
        assert item["category"] == "invoice" and item["scope"] == "individual"
        assert item["content_type"] == "application/pdf" and item["size"] > 0
        assert item["download_url"] == (
            f"http://testserver/api/v1/portals/alpha-clients/documents/{item['id']}/download"
        )
        assert item["published_at"]

    def test_the_page_and_a_document_are_written_as_the_schema_declares(
        self, docs, client_account
    ):
        page = list_as(client_account).json()
        assert_written_as_declared(DocumentPage(), page)
        path = f"documents/{page['results'][0]['id']}"
        one = signed_in(client_account).get(portal_url("alpha-clients", path))
        assert_written_as_declared(DocumentSerializer(), one.json())

    @pytest.mark.parametrize(
        "params,expected",
        [
            ({"category": "invoice"}, {"Ma facture"}),
            ({"year": 2026}, {"Ma facture"}),
            ({"search": "accueil"}, {"Livret d'accueil"}),
        ],
    )
    def test_filters(self, docs, client_account, params, expected):
        assert titles(list_as(client_account, **params)) == expected

    def test_an_unknown_category_is_invalid(self, docs, client_account):
        response = list_as(client_account, category="secret")
        assert response.status_code == 400
        assert "category" in response.json()["error"]["fields"]

    def test_pages_follow_a_cursor(self, agency, client_account, client_person):
        for index in range(5):
            DocumentFactory(agency=agency, title=f"Doc {index}", owner=client_person)
        first = list_as(client_account, page_size=2).json()
        assert len(first["results"]) == 2 and first["next"]
        api = signed_in(client_account)
        seen = [i["title"] for i in first["results"]]
        url = first["next"]
        while url:
            page = api.get(url).json()
            seen += [i["title"] for i in page["results"]]
            url = page["next"]
        assert sorted(seen) == sorted(f"Doc {i}" for i in range(5))

    def test_unpublishing_hides_at_once_and_publishing_shows_again(
        self, docs, client_account
    ):
        document_unpublish(document=docs["mine"])
        assert "Ma facture" not in titles(list_as(client_account))
        document_publish(document=docs["unpublished"])
        assert "Brouillon" in titles(list_as(client_account))

    def test_a_shared_document_is_seen_by_the_person_it_is_shared_with(
        self, docs, client_account, client_person
    ):
        document_share(document=docs["neighbour"], person=client_person)
        assert "Facture voisine" in titles(list_as(client_account))

    def test_a_regenerated_or_second_account_sees_the_same_documents(
        self, docs, client_account, client_person
    ):
        from access.services import portal_account_regenerate

        document_share(document=docs["neighbour"], person=client_person)
        expected = titles(list_as(client_account))
        second = PortalAccountFactory(person=client_person, identifier="fils@x.org")
        assert titles(list_as(second)) == expected
        portal_account_regenerate(account=client_account, password=PASSWORD)
        assert titles(list_as(client_account)) == expected

    def test_a_child_section_off_hides_its_category(self, agency, docs, client_account):
        portal_page_configure(
            page=agency.portals.get(kind="client").page,
            menu_sections=["documents", "resources"],
        )
        assert titles(list_as(client_account)) == {"Livret d'accueil"}

    def test_the_documents_section_off_answers_section_disabled(
        self, agency, docs, client_account
    ):
        portal_page_configure(
            page=agency.portals.get(kind="client").page, menu_sections=["planning"]
        )
        for path in (
            "documents",
            f"documents/{docs['mine'].pk}",
            f"documents/{docs['mine'].pk}/download",
        ):
            response = signed_in(client_account).get(portal_url("alpha-clients", path))
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "section_disabled"

    @pytest.mark.parametrize("size", [3, 30])
    def test_query_count_is_fixed_whatever_the_number_of_documents(
        self, agency, client_account, client_person, django_assert_num_queries, size
    ):
        from access.services import person_group_ensure

        person_group_ensure(person=client_person)
        for index in range(size):
            DocumentFactory(agency=agency, title=f"D{index}", owner=client_person)
            DocumentFactory(agency=agency, title=f"C{index}", for_clients=True)
        api = signed_in(client_account)
        api.get(portal_url("alpha-clients", "documents"))  # a warm process
        # Token with its account, person and portal (whose page is kept in
        # memory), grants, documents.
        with django_assert_num_queries(3):
            assert api.get(portal_url("alpha-clients", "documents")).status_code == 200


class TestOneDocument:
    def test_an_unpublished_document_is_not_found(self, docs, client_account):
        path = f"documents/{docs['unpublished'].pk}"
        assert (
            signed_in(client_account).get(portal_url("alpha-clients", path)).status_code
            == 404
        )


class TestGrantsStayInTheAgency:
    """A grant row on a document of another agency (a careless script, a person
    moved between agencies) opens nothing: the rule keeps grants to the portal's
    agency, and one document is looked up inside what the account may see."""

    @pytest.fixture
    def foreign(self, other_agency, client_person):
        from django.contrib.auth.models import Permission

        from access.services import person_group_ensure
        from media.models import PortalDocumentGroupObjectPermission

        document = DocumentFactory(
            agency=other_agency,
            title="Facture d'ailleurs",
            owner=ClientFactory(agency=other_agency),
            category="invoice",
        )
        PortalDocumentGroupObjectPermission.objects.create(
            group=person_group_ensure(person=client_person),
            permission=Permission.objects.get(codename="view_portal_document"),
            content_object=document,
        )
        return document

    def test_it_is_not_listed(self, docs, foreign, client_account):
        assert "Facture d'ailleurs" not in titles(list_as(client_account))
        assert titles(list_as(client_account)) == {"Ma facture", "Livret d'accueil"}

    @pytest.mark.parametrize("suffix", ["", "/download"])
    def test_it_is_not_found(self, foreign, client_account, suffix):
        path = f"documents/{foreign.pk}{suffix}"
        response = signed_in(client_account).get(portal_url("alpha-clients", path))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


class TestLocalDownload:
    def test_streams_the_file_as_a_safe_attachment(self, docs, client_account):
        response = signed_in(client_account).get(
            portal_url("alpha-clients", f"documents/{docs['mine'].pk}/download")
        )
        assert response.status_code == 200
        assert (
            response["Content-Disposition"] == 'attachment; filename="Ma_facture.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["Content-Type"] == "application/pdf"
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-")

    def test_large_files_are_streamed_in_small_blocks(
        self, agency, client_person, client_account
    ):
        document = DocumentFactory(agency=agency, title="Gros", owner=client_person)
        with document.file.open("ab") as handle:  # grow it past 2 MB, still a PDF
            handle.write(b"\n%" + b"x" * (2 * 1024 * 1024))
        response = signed_in(client_account).get(
            portal_url("alpha-clients", f"documents/{document.pk}/download")
        )
        assert response.streaming
        sizes = [len(chunk) for chunk in response.streaming_content]
        assert sum(sizes) > 2 * 1024 * 1024
        assert max(sizes) <= 64 * 1024


# A collective client document of agency alpha, asked for on alpha's client portal.
COLLECTIVE_STATUS = {
    "owner": 200,
    "same_agency_other_person": 200,
    "other_agency": 401,
    "other_portal": 401,
    "anonymous": 401,
}


class TestCollectiveDocumentByRole:
    @pytest.mark.parametrize("suffix", ["", "/download"])
    @pytest.mark.parametrize("role", COLLECTIVE_STATUS)
    def test_each_role(self, roles, docs, role, suffix):
        path = f"documents/{docs['clients'].pk}{suffix}"
        response = signed_in(roles[role]).get(portal_url("alpha-clients", path))
        assert response.status_code == COLLECTIVE_STATUS[role]

    @pytest.mark.parametrize(
        "key,account",
        [("beta-clients", "other_agency"), ("alpha-intervenants", "other_portal")],
    )
    def test_on_their_own_portal_others_get_404(self, roles, docs, key, account):
        for document in ("clients", "intervenants", "other_agency"):
            if key == "alpha-intervenants" and document == "intervenants":
                continue  # that one is theirs
            if key == "beta-clients" and document == "other_agency":
                continue
            response = signed_in(roles[account]).get(
                portal_url(key, f"documents/{docs[document].pk}")
            )
            assert response.status_code == 404, (key, document)
