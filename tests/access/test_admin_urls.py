import pytest

from tests.conftest import sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_unknown_person_kinds_in_admin_urls_are_not_found(client, agency):
    sign_in(client, StaffFactory(agency=agency))
    assert client.get("/admin/portail/foo/1/generer/").status_code == 404
    assert client.get("/admin/portail/foo/creation/").status_code == 404
    assert client.get("/admin/documents-portail/foo/1/nouveau/").status_code == 404
