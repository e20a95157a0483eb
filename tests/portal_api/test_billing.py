import pytest

from home_pages.services import portal_page_configure
from media.services import document_unpublish
from tests.conftest import portal_url, signed_in
from tests.factories import ClientFactory, ContractFactory, InvoiceFactory, QuoteFactory

pytestmark = pytest.mark.django_db
C = "alpha-clients"
MAKERS = {
    "quotes": QuoteFactory,
    "contracts": ContractFactory,
    "invoices": InvoiceFactory,
}
ALL_SECTIONS = ["documents", "quotes", "contracts", "invoices"]


@pytest.fixture(autouse=True)
def sections(agency):
    portal_page_configure(
        page=agency.portals.get(kind="client").page, menu_sections=ALL_SECTIONS
    )


@pytest.mark.parametrize("kind", MAKERS)
def test_a_client_lists_their_own_records_newest_first(client_account, kind):
    person = client_account.client
    older = MAKERS[kind](client=person, issued_on="2026-01-05")
    newer = MAKERS[kind](client=person, issued_on="2026-10-05")
    MAKERS[kind](client=ClientFactory(agency=person.agency))  # someone else's
    body = signed_in(client_account).get(portal_url(C, kind)).json()
    assert [r["id"] for r in body["results"]] == [newer.pk, older.pk]
    item = body["results"][0]
    assert item["document"] == newer.document_id
    assert (item["amount_cents"], item["currency"]) == (12550, "EUR")


def test_invoices_say_whether_they_are_payable_online(client_account):
    person = client_account.client
    advance = InvoiceFactory(
        client=person, immediate_advance=True, issued_on="2026-02-01"
    )
    due = InvoiceFactory(client=person, issued_on="2026-03-01", due_on="2026-03-31")
    results = signed_in(client_account).get(portal_url(C, "invoices")).json()
    by_id = {r["id"]: r for r in results["results"]}
    assert by_id[due.pk]["payable_online"] is True
    assert by_id[due.pk]["due_on"] == "2026-03-31"
    assert by_id[advance.pk]["payable_online"] is False


def test_an_unpublished_pdf_is_not_offered(client_account):
    quote = QuoteFactory(client=client_account.client)
    document_unpublish(document=quote.document)
    response = signed_in(client_account).get(portal_url(C, f"quotes/{quote.pk}"))
    assert response.json()["document"] is None


@pytest.mark.parametrize("kind", MAKERS)
def test_a_section_off_answers_section_disabled(agency, client_account, kind):
    record = MAKERS[kind](client=client_account.client)
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", *(s for s in ALL_SECTIONS[1:] if s != kind)],
    )
    api = signed_in(client_account)
    for path in (kind, f"{kind}/{record.pk}"):
        response = api.get(portal_url(C, path))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "section_disabled"


def test_intervenants_have_no_billing(intervenant_account):
    response = signed_in(intervenant_account).get(
        portal_url("alpha-intervenants", "invoices")
    )
    assert response.status_code == 403


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_is_fixed(client_account, size, django_assert_num_queries):
    for _ in range(size):
        InvoiceFactory(client=client_account.client)
    api = signed_in(client_account)
    api.get(portal_url(C, "invoices"))  # a warm process
    # Token with its account, person and portal, the invoices with their PDFs.
    with django_assert_num_queries(2):
        assert api.get(portal_url(C, "invoices")).status_code == 200


def test_a_bad_cursor_is_a_400(client_account):
    response = signed_in(client_account).get(
        portal_url(C, "invoices"), {"cursor": "nope"}
    )
    assert response.status_code == 400
