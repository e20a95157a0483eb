from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from home_pages.services import portal_page_configure
from planning.coupons import coupon_reject, coupon_validate
from planning.models import Coupon
from tests.conftest import portal_url, signed_in
from tests.factories import IntervenantFactory, InterventionFactory

pytestmark = pytest.mark.django_db
W = "alpha-intervenants"


@pytest.fixture
def api(agency, intervenant_account):
    portal_page_configure(
        page=agency.portals.get(kind="intervenant").page, menu_sections=["coupons"]
    )
    return signed_in(intervenant_account)


def visit(client, worker, days_ago=1):
    start = timezone.now().replace(microsecond=0) - timedelta(days=days_ago)
    return InterventionFactory(client=client, intervenant=worker, start=start)


def declare(api, intervention, **extra):
    return api.post(
        portal_url(W, "coupons"),
        {
            "intervention": intervention.pk,
            "start": intervention.start.isoformat(),
            "end": (intervention.end + timedelta(minutes=30)).isoformat(),
            "kilometres": "12.5",
            **extra,
        },
        format="json",
    )


@pytest.fixture
def done_visit(client_person, intervenant_account):
    return visit(client_person, intervenant_account.intervenant)


class TestDeclaring:
    def test_an_intervenant_declares_a_started_visit(self, api, done_visit):
        response = declare(api, done_visit, comment="RAS")
        assert response.status_code == 201
        assert response.json()["status"] == "submitted"
        assert response.json()["kilometres"] == "12.5"

    def test_one_active_coupon_per_visit(self, api, done_visit):
        declare(api, done_visit)
        response = declare(api, done_visit)
        assert response.status_code == 409

    def test_a_future_visit_cannot_be_declared(
        self, api, agency, client_person, intervenant_account
    ):
        future = visit(client_person, intervenant_account.intervenant, -2)
        assert declare(api, future).status_code == 400

    def test_past_the_delay_it_is_refused(
        self, api, agency, client_person, intervenant_account, settings
    ):
        old = visit(client_person, intervenant_account.intervenant, 10)
        assert declare(api, old).status_code == 400
        settings.PORTAL_COUPON_DELAY = timedelta(days=15)
        assert declare(api, old).status_code == 201

    def test_another_intervenants_visit_is_not_found(self, api, agency, client_person):
        theirs = visit(client_person, IntervenantFactory(agency=agency))
        assert declare(api, theirs).status_code == 404

    def test_the_coupons_section_off_answers_section_disabled(
        self, agency, api, done_visit
    ):
        portal_page_configure(
            page=agency.portals.get(kind="intervenant").page, menu_sections=["planning"]
        )
        assert declare(api, done_visit).json()["error"]["code"] == "section_disabled"

    def test_clients_have_no_coupons(self, client_account):
        response = signed_in(client_account).get(portal_url("alpha-clients", "coupons"))
        assert response.status_code == 403


class TestBounds:
    @pytest.mark.parametrize(
        "field,values",
        [
            ("start", lambda v: {"start": (v.start - timedelta(hours=13)).isoformat()}),
            ("end", lambda v: {"end": (v.end + timedelta(days=3650)).isoformat()}),
            ("end", lambda v: {"end": v.start.isoformat()}),
            ("kilometres", lambda v: {"kilometres": "1000.1"}),
            ("kilometres", lambda v: {"kilometres": "-1"}),
        ],
    )
    def test_declaring_out_of_bounds_is_400_naming_the_field(
        self, api, done_visit, field, values
    ):
        response = declare(api, done_visit, **values(done_visit))
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid" and field in error["fields"]
        assert not Coupon.objects.exists()

    def test_changing_out_of_bounds_is_400_naming_the_field(self, api, done_visit):
        coupon = declare(api, done_visit).json()
        url = portal_url(W, f"coupons/{coupon['id']}")
        far = (done_visit.end + timedelta(days=3650)).isoformat()
        response = api.patch(url, {"end": far}, format="json")
        assert response.status_code == 400
        assert "end" in response.json()["error"]["fields"]
        too_far = api.patch(url, {"kilometres": "5000"}, format="json")
        assert too_far.status_code == 400
        assert "kilometres" in too_far.json()["error"]["fields"]
        assert Coupon.objects.get(pk=coupon["id"]).kilometres == Decimal("12.5")


class TestLifeCycle:
    def test_editable_while_submitted_then_locked_once_validated(self, api, done_visit):
        coupon = declare(api, done_visit).json()
        changed = api.patch(
            portal_url(W, f"coupons/{coupon['id']}"),
            {"comment": "Courses faites"},
            format="json",
        )
        assert changed.json()["comment"] == "Courses faites"
        validated = coupon_validate(coupon=Coupon.objects.get(pk=coupon["id"]))
        done_visit.refresh_from_db()
        assert done_visit.status == "done" and done_visit.end == validated.end
        locked = api.patch(
            portal_url(W, f"coupons/{coupon['id']}"), {"comment": "x"}, format="json"
        )
        assert locked.status_code == 423

    def test_cancelling_needs_a_reason_and_frees_the_visit(self, api, done_visit):
        coupon = declare(api, done_visit).json()
        url = portal_url(W, f"coupons/{coupon['id']}/cancel")
        assert api.post(url, {}, format="json").status_code == 400
        assert (
            api.post(url, {"reason": "Erreur de saisie"}, format="json").json()[
                "status"
            ]
            == "cancelled"
        )
        assert declare(api, done_visit).status_code == 201

    def test_staff_rejection_keeps_the_reason(self, api, done_visit):
        coupon = declare(api, done_visit).json()
        coupon_reject(coupon=Coupon.objects.get(pk=coupon["id"]), reason="Horaires")
        listed = api.get(portal_url(W, "coupons"), {"status": "rejected"}).json()
        assert [(c["id"], c["reason"]) for c in listed["results"]] == [
            (coupon["id"], "Horaires")
        ]

    def test_the_list_filters_by_date(self, api, done_visit):
        declare(api, done_visit)
        today = timezone.localdate()
        assert (
            api.get(
                portal_url(W, "coupons"), {"from": str(today + timedelta(days=1))}
            ).json()["results"]
            == []
        )
        assert (
            len(api.get(portal_url(W, "coupons"), {"to": str(today)}).json()["results"])
            == 1
        )


class TestStaffDecisions:
    def test_staff_validate_and_reject_from_the_admin(
        self, client, api, agency, done_visit, client_person, intervenant_account
    ):
        from django.urls import reverse

        from tests.conftest import sign_in
        from tests.factories import StaffFactory

        sign_in(client, StaffFactory(agency=agency))
        first = declare(api, done_visit).json()
        listing = client.get(reverse(Coupon.snippet_viewset.get_url_name("list")))
        assert reverse("planning_admin:coupon_validate", args=[first["id"]]) in (
            listing.content.decode()
        )
        client.post(reverse("planning_admin:coupon_validate", args=[first["id"]]))
        assert Coupon.objects.get(pk=first["id"]).status == "validated"
        second_visit = visit(client_person, intervenant_account.intervenant, 2)
        second = declare(api, second_visit).json()
        client.post(
            reverse("planning_admin:coupon_reject", args=[second["id"]]),
            {"reason": "Hors délai"},
        )
        assert Coupon.objects.get(pk=second["id"]).reason == "Hors délai"

    def test_another_agency_coupon_is_not_found(
        self, client, api, other_agency, done_visit
    ):
        from django.urls import reverse

        from tests.conftest import sign_in
        from tests.factories import StaffFactory

        coupon = declare(api, done_visit).json()
        sign_in(client, StaffFactory(agency=other_agency))
        response = client.post(
            reverse("planning_admin:coupon_validate", args=[coupon["id"]])
        )
        assert response.status_code == 404
        assert Coupon.objects.get(pk=coupon["id"]).status == "submitted"


def test_a_decided_coupon_is_locked_in_the_admin(client, api, agency, done_visit):
    from django.urls import reverse

    from tests.conftest import sign_in
    from tests.factories import StaffFactory

    coupon = declare(api, done_visit).json()
    coupon_validate(coupon=Coupon.objects.get(pk=coupon["id"]))
    sign_in(client, StaffFactory(agency=agency))
    edit = reverse(Coupon.snippet_viewset.get_url_name("edit"), args=[coupon["id"]])
    response = client.get(edit)
    assert response.status_code == 302
    review = reverse("planning_admin:coupon_review", args=[coupon["id"]])
    assert response.url == review
    page = client.get(review).content.decode()
    assert "Validé le " in page
    assert reverse("planning_admin:coupon_validate", args=[coupon["id"]]) not in page
