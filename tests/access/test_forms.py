import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from access.models import Client
from tests.conftest import sign_in
from tests.factories import PASSWORD, ClientFactory

pytestmark = pytest.mark.django_db


def test_a_person_cannot_be_moved_to_another_agency(client, agency, other_agency):
    root = get_user_model().objects.create_superuser("root", "r@x.org", PASSWORD)
    sign_in(client, root)
    person = ClientFactory(agency=agency)
    url = reverse(Client.snippet_viewset.get_url_name("edit"), args=[person.pk])
    page = client.get(url).content.decode()
    at = page.index('name="agency"')
    assert "disabled" in page[at - 300 : at + 300]
    client.post(url, {"agency": other_agency.pk, "first_name": "X", "last_name": "Y"})
    person.refresh_from_db()
    assert person.agency == agency
