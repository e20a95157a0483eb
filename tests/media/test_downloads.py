import pytest

from home_pages.services import portal_page_configure
from tests.conftest import portal_url, signed_in
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_a_title_without_letters_still_downloads(agency, client_account, client_person):
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "invoices"],
    )
    document = DocumentFactory(
        agency=agency, title="€ ——", owner=client_person, category="invoice"
    )
    response = signed_in(client_account).get(
        portal_url("alpha-clients", f"documents/{document.pk}/download")
    )
    assert response["Content-Disposition"] == 'attachment; filename="document.pdf"'
