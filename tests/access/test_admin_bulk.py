"""Bulk actions as agency staff: another agency's ids are never named nor acted on
(issue 11, item 2), whatever the model or the action."""

import pytest
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page

from access.admin_bulk import ScopedBulkActionMixin
from access.models import Agency
from home_pages.models import PortalPage
from media.models import PortalDocument
from tests.conftest import sign_in
from tests.factories import ClientFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def bulk_url(model, action, *pks) -> str:
    meta = model._meta
    url = reverse("wagtail_bulk_action", args=[meta.app_label, meta.model_name, action])
    return url + "?" + "&".join(f"id={pk}" for pk in pks)


def registered_actions():
    bulk_action_registry._scan_for_bulk_actions()
    return [
        (app_label, model_name, action_type, action_class)
        for app_label, models in bulk_action_registry.actions.items()
        for model_name, actions in models.items()
        for action_type, action_class in actions.items()
    ]


def make_image(agency, title):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(), collection=agency.collection
    )


def test_every_registered_bulk_action_is_scoped(db):
    unscoped = [
        f"{app}.{model}:{action} ({cls.__module__}.{cls.__name__})"
        for app, model, action, cls in registered_actions()
        if not issubclass(cls, ScopedBulkActionMixin)
    ]
    assert unscoped == []


class TestDocuments:
    @pytest.fixture
    def documents(self, agency, other_agency):
        return (
            DocumentFactory(agency=agency, title="Notre affiche"),
            DocumentFactory(agency=other_agency, title="Bulletin de paie de Bertrand"),
        )

    @pytest.mark.parametrize("action", ["delete", "add_tags", "add_to_collection"])
    def test_confirmation_names_only_their_agencys_documents(
        self, staff, documents, action
    ):
        own, foreign = documents
        response = staff.get(bulk_url(PortalDocument, action, own.pk, foreign.pk))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Notre affiche" in html
        assert "Bertrand" not in html

    @pytest.mark.parametrize("action", ["delete", "add_tags", "add_to_collection"])
    def test_only_foreign_ids_answer_404(self, staff, documents, action):
        _own, foreign = documents
        response = staff.get(bulk_url(PortalDocument, action, foreign.pk))
        assert response.status_code == 404

    def test_deleting_spares_other_agencies_documents(self, staff, documents):
        own, foreign = documents
        staff.post(bulk_url(PortalDocument, "delete", own.pk, foreign.pk))
        assert PortalDocument.objects.filter(pk=foreign.pk).exists()
        assert not PortalDocument.objects.filter(pk=own.pk).exists()

    def test_tagging_spares_other_agencies_documents(self, staff, documents):
        own, foreign = documents
        staff.post(
            bulk_url(PortalDocument, "add_tags", own.pk, foreign.pk), {"tags": "fiche"}
        )
        assert list(own.tags.names()) == ["fiche"]
        assert list(foreign.tags.names()) == []


class TestImages:
    @pytest.mark.parametrize("action", ["delete", "add_tags", "add_to_collection"])
    def test_confirmation_names_only_their_agencys_images(
        self, staff, agency, other_agency, action
    ):
        own = make_image(agency, "Notre logo")
        foreign = make_image(other_agency, "Logo de Bertrand")
        response = staff.get(bulk_url(get_image_model(), action, own.pk, foreign.pk))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Notre logo" in html
        assert "Bertrand" not in html
        only_foreign = staff.get(bulk_url(get_image_model(), action, foreign.pk))
        assert only_foreign.status_code == 404

    def test_moving_into_another_agencys_collection_is_refused(
        self, staff, agency, other_agency
    ):
        own = make_image(agency, "Notre logo")
        response = staff.post(
            bulk_url(get_image_model(), "add_to_collection", own.pk),
            {"collection": other_agency.collection.pk},
        )
        own.refresh_from_db()
        assert own.collection_id == agency.collection.pk
        assert response.status_code == 200  # the form, shown again with its error


class TestPages:
    @pytest.fixture
    def pages(self, agency, other_agency):
        foreign = PortalPage.objects.get(
            portal__agency=other_agency, portal__kind="client"
        )
        Page.objects.filter(pk=foreign.pk).update(title="Portail de Bertrand")
        own = PortalPage.objects.get(portal__agency=agency, portal__kind="client")
        return own, foreign

    @pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
    def test_confirmation_never_names_another_agencys_page(self, staff, pages, action):
        own, foreign = pages
        response = staff.get(bulk_url(Page, action, own.pk, foreign.pk))
        assert "Bertrand" not in response.content.decode()
        assert staff.get(bulk_url(Page, action, foreign.pk)).status_code == 404

    def test_unpublishing_spares_another_agencys_page(self, staff, pages):
        _own, foreign = pages
        staff.post(bulk_url(Page, "unpublish", foreign.pk), {})
        foreign.refresh_from_db()
        assert foreign.live


class TestSnippets:
    def test_agencies_are_never_named_to_staff(self, staff, agency, other_agency):
        response = staff.get(bulk_url(Agency, "delete", agency.pk, other_agency.pk))
        assert "Agence beta" not in response.content.decode()
        staff.post(bulk_url(Agency, "delete", other_agency.pk))
        assert Agency.objects.filter(pk=other_agency.pk).exists()

    def test_terms_of_another_agency_are_never_named(self, staff, terms, other_agency):
        from billing.models import Terms
        from tests.factories import TermsFactory

        theirs = TermsFactory(agency=other_agency, version="1999-01")
        response = staff.get(bulk_url(Terms, "delete", terms.pk, theirs.pk))
        assert "1999-01" not in response.content.decode()
        assert staff.get(bulk_url(Terms, "delete", theirs.pk)).status_code == 404
        staff.post(bulk_url(Terms, "delete", theirs.pk))
        assert Terms.objects.filter(pk=theirs.pk).exists()

    def test_people_of_another_agency_answer_404(self, staff, other_agency):
        from access.models import Client

        theirs = ClientFactory(agency=other_agency, last_name="Bertrand")
        assert staff.get(bulk_url(Client, "delete", theirs.pk)).status_code == 404


def test_a_superuser_still_acts_on_every_agency(client, agency, other_agency):
    from django.contrib.auth import get_user_model

    from tests.factories import PASSWORD

    root = get_user_model().objects.create_superuser("root", "r@x.org", PASSWORD)
    sign_in(client, root)
    foreign = DocumentFactory(agency=other_agency, title="Bulletin de Bertrand")
    response = client.get(bulk_url(PortalDocument, "delete", foreign.pk))
    assert "Bertrand" in response.content.decode()
    assert Collection.objects.exists()
