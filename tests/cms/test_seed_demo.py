import pytest
from django.core.management import call_command

from access.models import Agency, User
from tests.conftest import portal_login, portal_url

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "portail-demo-2026"


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def login(api, key, identifier):
    return portal_login(api, identifier, DEMO_PASSWORD, key)


class TestSeedDemo:
    def test_running_it_twice_changes_nothing(self, demo):
        counts = (Agency.objects.count(), User.objects.count())
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        assert (Agency.objects.count(), User.objects.count()) == counts
        assert Agency.objects.filter(slug__startswith="demo").count() == 2
        assert User.objects.filter(portal__agency__slug__startswith="demo").count() == 5

    def test_every_demo_login_works(self, demo, api):
        # One seeding for every login: seeding is the slow part of these tests.
        for key, identifier in [
            ("demo-clients", "client1@demo.example"),
            ("demo-clients", "client2@demo.example"),
            ("demo-intervenants", "intervenant1@demo.example"),
            ("demo-intervenants", "intervenant2@demo.example"),
            ("demo2-clients", "client1@demo2.example"),
        ]:
            assert login(api, key, identifier).status_code == 200, identifier

    def test_demo2_intervenant_portal_is_disabled(self, demo, api):
        response = api.get(portal_url("demo2-intervenants", "config"))
        assert response.json()["error"]["code"] == "module_disabled"

    def test_each_demo_portal_has_a_link_with_the_person_id(self, demo, api):
        for key, identifier in [
            ("demo-clients", "client1@demo.example"),
            ("demo-intervenants", "intervenant1@demo.example"),
        ]:
            token = login(api, key, identifier).json()["token"]
            menu = api.get(
                portal_url(key, "menu"), HTTP_AUTHORIZATION=f"Token {token}"
            ).json()
            person = User.objects.get(username=identifier).person
            assert f"={person.pk}" in menu["links"][0]["url"]

    def test_three_demo_clients_wait_for_an_account_one_without_email(self, demo):
        from access.models import Client

        waiting = Client.objects.filter(agency__slug="demo", accounts__isnull=True)
        assert waiting.count() == 3
        assert waiting.filter(email="").count() == 1

    def test_demo_has_sender_addresses(self, demo):
        agency = Agency.objects.get(slug="demo")
        assert agency.sender_addresses.count() == 2

    def test_demo_people_see_documents_on_their_portals(self, demo, api):
        for key, identifier, expected in [
            ("demo-clients", "client1@demo.example", {"invoice", "quote", "resource"}),
            ("demo-intervenants", "intervenant1@demo.example", {"payslip", "resource"}),
            ("demo2-clients", "client1@demo2.example", {"invoice", "resource"}),
        ]:
            token = login(api, key, identifier).json()["token"]
            items = api.get(
                portal_url(key, "documents"), HTTP_AUTHORIZATION=f"Token {token}"
            ).json()["results"]
            assert expected <= {item["category"] for item in items}
            assert all(item["content_type"] == "application/pdf" for item in items)

    def test_demo_people_see_their_planning(self, demo, api):
        from django.utils import timezone

        today = timezone.localdate()
        span = {
            "from": str(today - timezone.timedelta(days=7)),
            "to": str(today + timezone.timedelta(days=14)),
        }
        for key, identifier, kinds in [
            ("demo-clients", "client1@demo.example", ("interventions", "absences")),
            (
                "demo-intervenants",
                "intervenant1@demo.example",
                ("interventions", "availabilities"),
            ),
        ]:
            token = login(api, key, identifier).json()["token"]
            body = api.get(
                portal_url(key, "planning"), span, HTTP_AUTHORIZATION=f"Token {token}"
            ).json()
            for kind in kinds:
                assert body[kind], (key, kind)

    def test_demo_documents_are_not_duplicated(self, demo):
        from media.models import PortalDocument

        count = PortalDocument.objects.count()
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        assert PortalDocument.objects.count() == count

    def test_admin_is_a_superuser_with_the_demo_password(self, demo):
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)

    def test_each_agency_has_a_staff_member_of_its_own(self, demo):
        for username, slug in (("marie", "demo"), ("lucas", "demo2")):
            staff = User.objects.get(username=username)
            assert staff.is_staff and not staff.is_superuser
            assert staff.check_password(DEMO_PASSWORD)
            assert list(staff.groups.all()) == [
                Agency.objects.get(slug=slug).staff_group
            ]


def test_demo_client_has_quotes_contracts_and_invoices(demo, api):
    token = login(api, "demo-clients", "client1@demo.example").json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}

    def results(kind):
        return api.get(portal_url("demo-clients", kind), **auth).json()["results"]

    assert [q["status"] for q in results("quotes")] == ["pending"]
    assert [c["status"] for c in results("contracts")] == ["pending"]
    invoices = results("invoices")
    assert sorted(i["payable_online"] for i in invoices) == [False, False, True]
    assert all(item["document"] for item in invoices)


def test_demo_client_can_start_signing_their_quote(demo, api):
    token = login(api, "demo-clients", "client1@demo.example").json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    [quote] = api.get(portal_url("demo-clients", "quotes"), **auth).json()["results"]
    response = api.post(
        portal_url("demo-clients", "signatures"),
        {"quote": quote["id"]},
        format="json",
        **auth,
    )
    assert response.status_code == 201
    assert response.json()["terms"]["version"] == "2026-11"


def test_seal_demo_writes_a_seal_once(tmp_path, settings):
    settings.PORTAL_SEAL_PKCS12 = str(tmp_path / "seal.p12")
    settings.PORTAL_SEAL_ROOT = str(tmp_path / "root.pem")
    call_command("seal_demo", stdout=open("/dev/null", "w"))
    first = (tmp_path / "seal.p12").read_bytes()
    call_command("seal_demo", stdout=open("/dev/null", "w"))
    assert (tmp_path / "seal.p12").read_bytes() == first
    assert (tmp_path / "root.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE")


def test_demo_client_pays_their_invoice_on_the_sandbox(demo, api, client):
    token = login(api, "demo-clients", "client1@demo.example").json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    invoices = api.get(portal_url("demo-clients", "invoices"), **auth).json()
    [payable] = [i for i in invoices["results"] if i["payable_online"]]
    url = portal_url("demo-clients", f"invoices/{payable['id']}/payments")
    checkout = api.post(url, **auth).json()["checkout_url"]
    client.post(checkout, {"action": "pay"})
    detail = portal_url("demo-clients", f"invoices/{payable['id']}")
    assert api.get(detail, **auth).json()["status"] == "paid"
