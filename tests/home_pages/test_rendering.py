import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

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


def test_home_html_keeps_the_editors_markup_and_nothing_that_runs(api, agency):
    """A body written outside the editor (a command, the database) reaches front ends
    sanitised: formatting, links and headings kept; scripts, handlers, frames,
    styles and `javascript:` links gone."""
    portal_page_configure(
        page=agency.portals.get(kind="client").page,
        home_mode="html",
        home_body=[
            ("heading", "Bienvenue"),
            (
                "paragraph",
                RichText(
                    '<p onclick="steal()" style="color:red">Nos <b>horaires</b> '
                    '<a href="https://agence.example/horaires">ici</a> '
                    '<a href="javascript:steal()">là</a></p>'
                    "<script>steal()</script>"
                    '<iframe src="https://evil.example"></iframe>'
                ),
            ),
        ],
    )
    html = api.get(portal_url("alpha-clients", "home")).json()["html"]
    assert "<h2>Bienvenue</h2>" in html
    assert "<b>horaires</b>" in html
    assert 'href="https://agence.example/horaires"' in html
    for gone in ("onclick", "style=", "<script", "steal()", "<iframe", "javascript:"):
        assert gone not in html, (gone, html)
