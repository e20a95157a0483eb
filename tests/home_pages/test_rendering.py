import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home_pages.services import portal_page_configure
from tests.conftest import portal_url

pytestmark = pytest.mark.django_db


def test_a_deleted_home_image_does_not_break_home(api, agency):
    image = Image.objects.create(
        title="i", file=get_test_image_file(), collection=agency.collection
    )
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        home_mode="html",
        home_body=[("image", image), ("heading", "Bonjour")],
    )
    image.delete()
    response = api.get(portal_url("alpha-clients", "home"))
    assert response.status_code == 200
    assert "Bonjour" in response.json()["html"]
