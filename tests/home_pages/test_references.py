"""A portal page's body holds only its agency's images, documents and pages (issue
11, item 3): staff of agency "alpha" trying another agency's ids."""

import json
import uuid

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home_pages.models import PortalPage
from home_pages.references import owned_body
from tests.conftest import sign_in
from tests.factories import DocumentFactory, StaffFactory
from tests.home_pages.test_admin import (
    edit_url,
    form_errors,
    page_form_data,
    portal_page,
)

pytestmark = pytest.mark.django_db

FOREIGN_INLINE_IMAGE = "Ce paragraphe contient une image d'une autre agence"
FOREIGN_DOCUMENT_LINK = (
    "Ce paragraphe contient un lien vers un document d'une autre agence"
)


def make_image(agency, title):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(), collection=agency.collection
    )


@pytest.fixture
def admin(client, agency):
    return sign_in(client, StaffFactory(agency=agency))


@pytest.fixture
def images(agency, other_agency):
    return make_image(agency, "Notre facade"), make_image(other_agency, "Photo beta")


def block_messages(response) -> list[str]:
    """The messages shown on the blocks of the home page body."""
    [error] = form_errors(response)["home_body"].as_data()
    return [
        message
        for block_error in error.block_errors.values()
        for message in block_error.messages
    ]


def body_with(page, blocks):
    data = page_form_data(page, home_mode="html")
    data.update(nested_form_data({"home_body": streamfield(blocks)}))
    for index in range(len(blocks)):  # the editor gives each block its id
        data[f"home_body-{index}-id"] = str(uuid.uuid4())
    return data


class TestSaving:
    def test_an_image_block_with_another_agencys_image_is_refused(
        self, admin, agency, images
    ):
        own, foreign = images
        page = portal_page(agency)
        response = admin.post(
            edit_url(page), body_with(page, [("image", own.pk), ("image", foreign.pk)])
        )
        assert block_messages(response) == [
            "Cette image n'appartient pas à votre agence : choisissez-en une autre."
        ]
        # Shown on the block (in the editor's data, escaped as JSON and HTML).
        assert "n&#x27;appartient pas \\u00e0 votre agence" in response.content.decode()
        page.refresh_from_db()
        assert list(page.home_body.raw_data) == []

    def test_an_image_block_with_their_own_image_is_saved(self, admin, agency, images):
        own, _foreign = images
        page = portal_page(agency)
        response = admin.post(edit_url(page), body_with(page, [("image", own.pk)]))
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.home_body[0].value == own

    def test_a_paragraph_embedding_another_agencys_image_is_refused(
        self, admin, agency, images
    ):
        _own, foreign = images
        page = portal_page(agency)
        html = (
            f'<p>Bonjour</p><embed embedtype="image" id="{foreign.pk}" '
            'format="fullwidth" alt="x"/>'
        )
        response = admin.post(
            edit_url(page), body_with(page, [("paragraph", rich_text(html))])
        )
        assert [m[: len(FOREIGN_INLINE_IMAGE)] for m in block_messages(response)] == [
            FOREIGN_INLINE_IMAGE
        ]

    def test_a_paragraph_linking_another_agencys_document_is_refused(
        self, admin, agency, other_agency
    ):
        theirs = DocumentFactory(agency=other_agency, title="Bulletin de Bertrand")
        page = portal_page(agency)
        html = f'<p><a linktype="document" id="{theirs.pk}">le bulletin</a></p>'
        response = admin.post(
            edit_url(page), body_with(page, [("paragraph", rich_text(html))])
        )
        messages = block_messages(response)
        assert len(messages) == 1 and messages[0].startswith(FOREIGN_DOCUMENT_LINK)

    def test_a_paragraph_linking_their_own_document_is_saved(self, admin, agency):
        ours = DocumentFactory(agency=agency, title="Notre plaquette")
        page = portal_page(agency)
        html = f'<p><a linktype="document" id="{ours.pk}">la plaquette</a></p>'
        response = admin.post(
            edit_url(page), body_with(page, [("paragraph", rich_text(html))])
        )
        assert response.status_code == 302

    def test_the_service_refuses_it_too(self, agency, images):
        from django.core.exceptions import ValidationError

        from home_pages.services import portal_page_configure

        _own, foreign = images
        with pytest.raises(ValidationError) as caught:
            portal_page_configure(
                page=portal_page(agency),
                home_mode="html",
                home_body=[("image", foreign)],
            )
        assert "home_body" in caught.value.message_dict


class TestChoosers:
    def test_the_image_chooser_lists_only_their_agencys_images(self, admin, images):
        own, foreign = images
        response = admin.get(reverse("wagtailimages_chooser:choose"))
        html = response.content.decode()
        assert "Notre facade" in html and "Photo beta" not in html
        chosen = admin.get(reverse("wagtailimages_chooser:chosen", args=[foreign.pk]))
        assert "Photo beta" not in chosen.content.decode()

    def test_the_document_chooser_lists_only_their_agencys_documents(
        self, admin, agency, other_agency
    ):
        DocumentFactory(agency=agency, title="Notre plaquette")
        theirs = DocumentFactory(agency=other_agency, title="Bulletin de Bertrand")
        response = admin.get(reverse("wagtaildocs_chooser:choose"))
        html = response.content.decode()
        assert "Notre plaquette" in html and "Bertrand" not in html
        chosen = admin.get(reverse("wagtaildocs_chooser:chosen", args=[theirs.pk]))
        assert "Bertrand" not in chosen.content.decode()


class TestRendering:
    def test_foreign_images_and_links_are_left_out(self, agency, other_agency, images):
        own, foreign = images
        theirs = DocumentFactory(agency=other_agency, title="Bulletin de Bertrand")
        ours = DocumentFactory(agency=agency, title="Notre plaquette")
        stream_block = PortalPage._meta.get_field("home_body").stream_block
        raw = [
            {"type": "image", "value": own.pk, "id": "a"},
            {"type": "image", "value": foreign.pk, "id": "b"},
            {
                "type": "paragraph",
                "value": (
                    f'<p><embed embedtype="image" id="{foreign.pk}" format="left" '
                    f'alt=""/><embed embedtype="image" id="{own.pk}" format="left" '
                    f'alt=""/><a linktype="document" id="{theirs.pk}">leur</a> '
                    f'<a linktype="document" id="{ours.pk}">notre</a></p>'
                ),
                "id": "c",
            },
        ]
        kept = owned_body(stream_block, json.dumps(raw), agency)
        assert [block["id"] for block in kept] == ["a", "c"]
        paragraph = kept[1]["value"]
        assert f'embedtype="image" id="{foreign.pk}"' not in paragraph
        assert f'<embed embedtype="image" id="{own.pk}"' in paragraph
        assert "<a>leur</a>" in paragraph
        assert f'<a linktype="document" id="{ours.pk}">notre</a>' in paragraph

    def test_the_api_leaves_out_an_image_moved_to_another_agency(
        self, api, agency, other_agency, images
    ):
        from home_pages.services import portal_page_configure

        own, _foreign = images
        portal_page_configure(
            page=portal_page(agency),
            home_mode="html",
            home_body=[("image", own), ("heading", "Bonjour")],
        )
        home = "/api/v1/portals/alpha-clients/home"
        assert "<img" in api.get(home).json()["html"]
        own.collection = other_agency.collection
        own.save()
        html = api.get(home).json()["html"]
        assert "<img" not in html
        assert "Bonjour" in html
