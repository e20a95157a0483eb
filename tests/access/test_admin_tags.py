"""Tag suggestions name only the tags of the staff member's agencies (issue 11,
item 14)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.conftest import sign_in
from tests.factories import PASSWORD, DocumentFactory, StaffFactory

pytestmark = pytest.mark.django_db

ADDRESSES = [
    pytest.param(lambda: reverse("wagtailadmin_tag_autocomplete"), id="any"),
    pytest.param(
        lambda: reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"]),
        id="taggit.tag",
    ),
]


@pytest.fixture
def tagged(agency, other_agency):
    ours = DocumentFactory(agency=agency, title="Notre plaquette")
    ours.tags.add("licence-alpha")
    image = get_image_model().objects.create(
        title="Façade", file=get_test_image_file(), collection=agency.collection
    )
    image.tags.add("lieu-alpha")
    theirs = DocumentFactory(agency=other_agency, title="Bulletin de Bertrand")
    theirs.tags.add("licenciement-bertrand")
    their_image = get_image_model().objects.create(
        title="Bertrand", file=get_test_image_file(), collection=other_agency.collection
    )
    their_image.tags.add("photo-bertrand")


def suggestions(client, address, term="li"):
    response = client.get(address, {"term": term})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("address", ADDRESSES)
def test_staff_are_suggested_their_agencys_tags_only(client, agency, tagged, address):
    sign_in(client, StaffFactory(agency=agency))
    assert suggestions(client, address()) == ["licence-alpha", "lieu-alpha"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_superuser_is_suggested_every_tag(client, tagged, address):
    root = get_user_model().objects.create_superuser("root", "r@x.org", PASSWORD)
    sign_in(client, root)
    assert suggestions(client, address()) == [
        "licence-alpha",
        "licenciement-bertrand",
        "lieu-alpha",
    ]


@pytest.mark.parametrize(
    "listing, ours",
    [("wagtailimages:index", "lieu-alpha"), ("wagtaildocs:index", "licence-alpha")],
)
def test_the_listings_tag_filter_offers_their_agencys_tags_only(
    client, agency, tagged, listing, ours
):
    sign_in(client, StaffFactory(agency=agency))
    html = client.get(reverse(listing)).content.decode()
    assert ours in html
    assert "bertrand" not in html.lower()


def test_signed_out_visitors_get_nothing(client, tagged):
    response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "li"})
    assert response.status_code == 302  # to the sign-in page


def test_the_image_choosers_popular_tags_are_their_agencys(client, agency, tagged):
    sign_in(client, StaffFactory(agency=agency))
    response = client.get(reverse("wagtailimages_chooser:choose"))
    html = response.json()["html"]
    assert "lieu-alpha" in html
    assert "bertrand" not in html.lower()
