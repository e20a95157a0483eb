import pytest

from home_pages.services import portal_page_configure
from tests.conftest import portal_url, signed_in

pytestmark = pytest.mark.django_db


def test_a_bad_cursor_is_invalid_input(agency, client_account):
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        menu_sections=["documents", "resources"],
    )
    response = signed_in(client_account).get(
        portal_url("alpha-clients", "documents"), {"cursor": "garbage"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
