"""The snippet admin for agencies and their people, driven through real requests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from access.models import Agency, Client, Intervenant, Portal
from home_pages.models import AgencyFolderPage, PortalPage
from tests.conftest import portal_url, sign_in
from tests.factories import PASSWORD, ClientFactory, IntervenantFactory, StaffFactory

pytestmark = pytest.mark.django_db

NEEDS_PREMIUM = "Ce module nécessite la formule Premium ou supérieure."
PEOPLE = [
    pytest.param((Client, ClientFactory), id="client"),
    pytest.param((Intervenant, IntervenantFactory), id="intervenant"),
]


def url(model, name, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def chooser_url(model, name, *args) -> str:
    namespace = model.snippet_viewset.get_chooser_admin_url_namespace()
    return reverse(f"{namespace}:{name}", args=args)


def person_data(agency, **fields) -> dict:
    return {
        "agency": agency.pk,
        "first_name": "Jeanne",
        "last_name": "Nouvelle",
        "email": "",
        "phone": "",
        "address": "",
        "postal_code": "",
        "city": "",
        "external_ref": "",
        **fields,
    }


@pytest.fixture
def staff_client(client, agency):
    return sign_in(client, StaffFactory(agency=agency))


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser(
        username="root", email="root@example.org", password=PASSWORD
    )
    return sign_in(client, user)


@pytest.fixture
def people(request, agency, other_agency):
    """One person of each agency, named so that either is easy to spot."""
    model, factory = request.param
    return (
        model,
        factory(agency=agency, last_name="Alphonse"),
        factory(agency=other_agency, last_name="Bertrand"),
    )


@pytest.mark.parametrize("people", PEOPLE, indirect=True)
class TestPersonListing:
    def test_staff_sees_only_their_agencys_people(self, staff_client, people):
        model, own, foreign = people
        response = staff_client.get(url(model, "list"))
        assert response.status_code == 200
        assert [person.pk for person in response.context["object_list"]] == [own.pk]
        html = response.content.decode()
        assert "Alphonse" in html
        assert "Bertrand" not in html
        assert url(model, "edit", foreign.pk) not in html

    def test_superuser_sees_every_agencys_people(self, superuser_client, people):
        model, own, foreign = people
        response = superuser_client.get(url(model, "list"))
        pks = {person.pk for person in response.context["object_list"]}
        assert pks == {own.pk, foreign.pk}

    def test_agency_filter_names_only_the_staff_members_agency(
        self, staff_client, people, agency
    ):
        model, _own, _foreign = people
        response = staff_client.get(url(model, "list"))
        choices = response.context["filters"].form.fields["agency"].queryset
        assert list(choices) == [agency]
        assert "Agence beta" not in response.content.decode()

    def test_chooser_offers_only_their_agencys_people(self, staff_client, people):
        model, own, foreign = people
        response = staff_client.get(chooser_url(model, "choose"))
        assert response.status_code == 200
        assert "Alphonse" in response.content.decode()
        assert "Bertrand" not in response.content.decode()
        chosen = staff_client.get(chooser_url(model, "chosen", foreign.pk))
        assert chosen.status_code == 404
        assert staff_client.get(chooser_url(model, "chosen", own.pk)).status_code == 200


def rename(staff_client, model, person, agency, last_name):
    """The statuses of `person`'s edit page, opened then posted with `last_name`
    (the form filled in for `agency`); `person` read again."""
    edit = url(model, "edit", person.pk)
    opened = staff_client.get(edit).status_code
    posted = staff_client.post(edit, person_data(agency, last_name=last_name))
    person.refresh_from_db()
    return opened, posted.status_code


@pytest.mark.parametrize("people", PEOPLE, indirect=True)
class TestAnotherAgencysPerson:
    def test_staff_can_open_and_change_their_own_agencys_person(
        self, staff_client, people, agency
    ):
        model, own, _foreign = people
        assert rename(staff_client, model, own, agency, "Alphonsine") == (200, 302)
        assert own.last_name == "Alphonsine"

    def test_edit_url_of_another_agencys_person_answers_404(
        self, staff_client, people, agency, other_agency
    ):
        model, _own, foreign = people
        assert rename(staff_client, model, foreign, agency, "Volé") == (404, 404)
        assert (foreign.last_name, foreign.agency_id) == ("Bertrand", other_agency.pk)

    def test_deleting_another_agencys_person_is_refused(self, staff_client, people):
        model, _own, foreign = people
        assert staff_client.get(url(model, "delete", foreign.pk)).status_code == 404
        assert staff_client.post(url(model, "delete", foreign.pk)).status_code == 404
        assert model.objects.filter(pk=foreign.pk).exists()

    def test_staff_can_delete_their_own_agencys_person(self, staff_client, people):
        model, own, _foreign = people
        assert staff_client.post(url(model, "delete", own.pk)).status_code == 302
        assert not model.objects.filter(pk=own.pk).exists()

    @pytest.mark.parametrize("view", ["history", "history_results", "usage"])
    def test_history_and_usage_of_another_agencys_person_answer_404(
        self, staff_client, people, view
    ):
        model, own, foreign = people
        assert staff_client.get(url(model, view, own.pk)).status_code == 200
        assert staff_client.get(url(model, view, foreign.pk)).status_code == 404

    def test_bulk_delete_of_all_spares_and_never_names_other_agencies(
        self, staff_client, people
    ):
        model, own, foreign = people
        meta = model._meta
        bulk = reverse(
            "wagtail_bulk_action", args=[meta.app_label, meta.model_name, "delete"]
        )
        confirm = staff_client.get(f"{bulk}?id=all")
        assert confirm.status_code == 200
        assert "Alphonse" in confirm.content.decode()
        assert "Bertrand" not in confirm.content.decode()
        assert staff_client.post(f"{bulk}?id=all").status_code == 302
        assert list(model.objects.values_list("pk", flat=True)) == [foreign.pk]
        assert not model.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("people", PEOPLE, indirect=True)
class TestEveryPersonViewIsScoped:
    """Scoped by construction: each view of the viewset (those it serves at an
    address and those it only builds) answers 404 for another agency's person."""

    def object_urls(self, model, pk):
        viewset = model.snippet_viewset
        names = [
            pattern.name
            for pattern in viewset.get_urlpatterns()
            if "pk" in str(pattern.pattern)
        ]
        assert {"edit", "delete", "history", "usage"} <= set(names)
        chooser = [chooser_url(model, "chosen", pk)]
        return [url(model, name, pk) for name in names] + chooser

    def test_each_address_of_another_agencys_person_is_not_found(
        self, staff_client, people
    ):
        model, own, foreign = people
        for address in self.object_urls(model, own.pk):
            assert staff_client.get(address).status_code == 200, address
        for address in self.object_urls(model, foreign.pk):
            assert staff_client.get(address).status_code == 404, address

    @pytest.mark.parametrize(
        "view", ["edit", "delete", "inspect", "history", "usage", "copy"]
    )
    def test_views_without_an_address_are_scoped_too(self, rf, agency, people, view):
        from django.http import Http404

        model, own, foreign = people
        request = rf.get("/")
        request.user = StaffFactory(agency=agency)
        built = getattr(model.snippet_viewset, f"{view}_view")
        with pytest.raises(Http404):
            built(request, pk=foreign.pk)
        assert built(request, pk=own.pk).status_code == 200


class TestPersonCreation:
    @pytest.mark.parametrize("model", [Client, Intervenant])
    def test_agency_field_offers_only_the_staff_members_agency(
        self, staff_client, agency, other_agency, model
    ):
        response = staff_client.get(url(model, "add"))
        assert response.status_code == 200
        field = response.context["form"].fields["agency"]
        assert list(field.queryset) == [agency]
        assert field.initial == agency.pk
        assert "Agence beta" not in response.content.decode()

    def test_staff_creates_a_client_in_their_agency(self, staff_client, agency):
        response = staff_client.post(url(Client, "add"), person_data(agency))
        assert response.status_code == 302
        assert Client.objects.get(last_name="Nouvelle").agency == agency

    def test_creating_a_client_in_another_agency_is_refused(
        self, staff_client, other_agency
    ):
        response = staff_client.post(url(Client, "add"), person_data(other_agency))
        assert response.status_code == 200
        assert "agency" in response.context["form"].errors
        assert not Client.objects.filter(last_name="Nouvelle").exists()


class TestPersonWording:
    """The people admin says its own sentences (access.admin_wording), never
    Wagtail's "client « x » créé(e)"."""

    def test_each_step_names_the_person(self, staff_client, agency):
        page = staff_client.get(url(Client, "list")).content.decode()
        assert "Ajouter un client" in page
        created = staff_client.post(
            url(Client, "add"), person_data(agency), follow=True
        ).content.decode()
        assert "Le client « Jeanne Nouvelle » a été créé." in created
        person = Client.objects.get(last_name="Nouvelle")
        refused = staff_client.post(
            url(Client, "edit", person.pk), person_data(agency, last_name="")
        ).content.decode()
        assert "La fiche n&#x27;a pas pu être enregistrée : corrigez" in refused
        saved = staff_client.post(
            url(Client, "edit", person.pk), person_data(agency), follow=True
        ).content.decode()
        assert "La fiche de « Jeanne Nouvelle » a été enregistrée." in saved
        deleted = staff_client.post(
            url(Client, "delete", person.pk), follow=True
        ).content.decode()
        assert "Le client « Jeanne Nouvelle » a été supprimé." in deleted


def agency_data(**fields) -> dict:
    data = nested_form_data(
        {
            "name": "Agence Gamma",
            "slug": "gamma",
            "plan": Agency.Plan.PREMIUM,
            "account_delivery": "invitation",
            "time_zone": "Europe/Paris",
            "sender_addresses": inline_formset(
                [{"id": "", "email": "contact@gamma.example.org", "display_name": ""}]
            ),
        }
    )
    data.update(fields)
    return data


class TestAgencyCreation:
    def test_superuser_creating_an_agency_gets_everything_it_needs(
        self, superuser_client, api
    ):
        response = superuser_client.post(
            url(Agency, "add"), agency_data(client_module="on")
        )
        assert response.status_code == 302
        agency = Agency.objects.get(slug="gamma")
        assert agency.client_module and not agency.intervenant_module
        assert list(agency.sender_addresses.values_list("email", flat=True)) == [
            "contact@gamma.example.org"
        ]
        assert dict(agency.portals.values_list("kind", "key")) == {
            "client": "gamma-clients",
            "intervenant": "gamma-intervenants",
        }
        folder = AgencyFolderPage.objects.get(agency=agency)
        pages = PortalPage.objects.filter(portal__agency=agency)
        assert pages.count() == 2
        for page in pages:
            assert page.live and page.get_parent().id == folder.id
            assert page.live_revision is not None
        assert isinstance(agency.staff_group, Group)
        assert GroupPagePermission.objects.filter(
            group=agency.staff_group, page=folder, permission__codename="change_page"
        ).exists()
        assert agency.staff_group.permissions.filter(codename="change_client").exists()
        assert isinstance(agency.collection, Collection)
        assert agency.collection.get_parent() == Collection.get_first_root_node()
        config = api.get(portal_url("gamma-clients", "config"))
        assert config.status_code == 200
        assert config.json()["agency"] == {
            "name": "Agence Gamma",
            "time_zone": "Europe/Paris",
        }

    @pytest.mark.parametrize("module", ["client_module", "intervenant_module"])
    def test_essentiel_agency_with_a_module_is_refused(self, superuser_client, module):
        groups = Group.objects.count()
        response = superuser_client.post(
            url(Agency, "add"),
            agency_data(plan=Agency.Plan.ESSENTIEL, **{module: "on"}),
        )
        assert response.status_code == 200
        assert response.context["form"].errors[module] == [NEEDS_PREMIUM]
        assert not Agency.objects.filter(slug="gamma").exists()
        assert not Portal.objects.filter(key__startswith="gamma-").exists()
        assert Group.objects.count() == groups

    def test_essentiel_agency_without_modules_is_created(self, superuser_client):
        response = superuser_client.post(
            url(Agency, "add"), agency_data(plan=Agency.Plan.ESSENTIEL)
        )
        assert response.status_code == 302
        assert Agency.objects.get(slug="gamma").portals.count() == 2

    def test_staff_cannot_open_the_agency_admin(self, staff_client):
        response = staff_client.get(url(Agency, "add"))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        response = staff_client.post(url(Agency, "add"), agency_data())
        assert response["Location"] == reverse("wagtailadmin_home")
        assert not Agency.objects.filter(slug="gamma").exists()


class TestSenderAddresses:
    def test_staff_manage_their_agency_addresses_only(
        self, staff_client, agency, other_agency
    ):
        from access.models import SenderAddress

        own = SenderAddress.objects.create(agency=agency, email="a@alpha.example")
        foreign = SenderAddress.objects.create(
            agency=other_agency, email="b@beta.example"
        )
        page = staff_client.get(url(SenderAddress, "list")).content.decode()
        assert own.email in page and foreign.email not in page
        assert (
            staff_client.get(url(SenderAddress, "edit", foreign.pk)).status_code == 404
        )
        response = staff_client.post(
            url(SenderAddress, "add"),
            {
                "agency": agency.pk,
                "email": "planning@alpha.example",
                "display_name": "",
            },
        )
        assert response.status_code == 302
        assert SenderAddress.objects.filter(
            agency=agency, email="planning@alpha.example"
        ).exists()
        response = staff_client.post(
            url(SenderAddress, "add"),
            {"agency": other_agency.pk, "email": "x@beta.example", "display_name": ""},
        )
        assert response.status_code == 200  # refused: not one of the staff's agencies
        assert not SenderAddress.objects.filter(email="x@beta.example").exists()


class TestPersonChooser:
    def test_staff_find_a_person_by_name(self, staff_client, agency, other_agency):
        ClientFactory(agency=agency, first_name="Jeanne", last_name="Roux")
        ClientFactory(agency=agency, first_name="Paul", last_name="Martin")
        ClientFactory(agency=other_agency, first_name="Jeanne", last_name="Rouxel")
        page = staff_client.get(chooser_url(Client, "choose")).content.decode()
        assert 'name=\\"q\\"' in page  # JSON-escaped HTML of the modal
        found = staff_client.get(
            chooser_url(Client, "choose_results"), {"q": "jeanne rou"}
        ).content.decode()
        assert "Roux" in found
        assert "Martin" not in found and "Rouxel" not in found


def test_the_agency_list_says_yes_or_no(superuser_client, agency):
    page = superuser_client.get(url(Agency, "list")).content.decode()
    assert "Oui" in page
    assert "True" not in page and "False" not in page
    assert "Ajouter une agence" in page


class TestChoosersOnlyChoose:
    """Issue 11, item 12: a POST to a chooser's create/ answered 500."""

    def test_no_creation_from_a_person_chooser(self, staff_client):
        response = staff_client.post(chooser_url(Client, "create"), {"first_name": "A"})
        assert response.status_code == 404
        assert not Client.objects.filter(first_name="A").exists()

    def test_no_creation_from_the_agency_chooser(self, superuser_client):
        response = superuser_client.post(chooser_url(Agency, "create"), {"name": "X"})
        assert response.status_code == 404


class TestAgencyChooser:
    """Issue 11, item 14: the agency chooser named every agency to any staff."""

    def test_staff_choose_among_their_agencies_only(
        self, staff_client, agency, other_agency
    ):
        page = staff_client.get(chooser_url(Agency, "choose")).content.decode()
        assert agency.name in page and other_agency.name not in page
        chosen = staff_client.get(chooser_url(Agency, "chosen", other_agency.pk))
        assert chosen.status_code == 404

    def test_superusers_choose_any_agency(self, superuser_client, other_agency):
        page = superuser_client.get(chooser_url(Agency, "choose")).content.decode()
        assert other_agency.name in page
