"""The planning admin as agency staff use it: natural French, the agency's clock,
and coupons validated or refused on their own screen."""

import re
from datetime import timedelta

import pytest
from django.test import Client as BrowserClient
from django.urls import reverse
from django.utils import timezone

from planning.models import Coupon, Intervention
from tests.conftest import sign_in
from tests.factories import (
    ClientFactory,
    CouponFactory,
    IntervenantFactory,
    StaffFactory,
)
from tests.planning.conftest import MORNING, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, reunion):
    return sign_in(client, StaffFactory(agency=reunion))


def url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def declared(client, worker, start=MORNING, **fields):
    """A coupon declared half an hour longer than planned, 12.5 km."""
    item = visit(client, worker, start=start)
    return CouponFactory(
        intervention=item,
        end=item.end + timedelta(minutes=30),
        kilometres="12.5",
        comment="Courses faites",
        **fields,
    )


def text(response):
    return response.content.decode()


class TestInterventionsInFrenchOnTheAgencyClock:
    def test_the_list_reads_agency_time_in_titles_and_columns(
        self, staff, reunion, people
    ):
        visit(*people)
        page = text(staff.get(url(Intervention, "list")))
        assert "Jeanne Roux — 04/12/2026 08:00" in page
        assert "04/12/2026 10:00" in page  # the end column
        assert "05:00" not in page and "04:00" not in page
        assert "Ajouter une intervention" in page
        assert "un(e)" not in page

    def test_staff_type_times_in_agency_time(self, staff, reunion, people):
        response = staff.post(
            url(Intervention, "add"),
            {
                "agency": reunion.pk,
                "client": people[0].pk,
                "intervenant": people[1].pk,
                "start": "2026-12-04 08:00",
                "end": "2026-12-04 10:00",
                "status": "planned",
                "service": "Aide au lever",
            },
            follow=True,
        )
        item = Intervention.objects.get()
        assert item.start == MORNING and item.end == MORNING + timedelta(hours=2)
        assert "L&#x27;intervention du 04/12/2026 08:00 a été créée." in text(response)

    def test_the_form_shows_times_in_agency_time(self, staff, reunion, people):
        item = visit(*people)
        page = text(staff.get(url(Intervention, "edit", item.pk)))
        assert 'value="04/12/2026 08:00"' in page

    def test_an_overlap_is_refused_in_agency_time(self, staff, reunion, people):
        visit(*people)
        response = staff.post(
            url(Intervention, "add"),
            {
                "agency": reunion.pk,
                "client": ClientFactory(agency=reunion).pk,
                "intervenant": people[1].pk,
                "start": "2026-12-04 09:00",
                "end": "2026-12-04 11:00",
                "status": "planned",
            },
        )
        page = text(response)
        assert Intervention.objects.count() == 1
        assert (
            "Chevauchement avec l&#x27;intervention du 04/12/2026 de 08:00 à 10:00."
            in page
        )
        assert (
            "L&#x27;intervention n&#x27;a pas pu être créée : corrigez les erreurs."
            in page
        )
        assert "Le(la)" not in page

    def test_the_new_page_and_deletion_speak_natural_french(
        self, staff, reunion, people
    ):
        assert "Nouvelle intervention" in text(staff.get(url(Intervention, "add")))
        item = visit(*people)
        confirm = text(staff.get(url(Intervention, "delete", item.pk)))
        assert "Voulez-vous vraiment supprimer cette intervention ?" in confirm
        done = text(staff.post(url(Intervention, "delete", item.pk), follow=True))
        assert "L&#x27;intervention du 04/12/2026 08:00 a été supprimée." in done

    def test_bulk_deletion_counts_in_french(self, staff, reunion, people):
        first = visit(*people)
        second = visit(*people, start=MORNING + timedelta(days=1))
        bulk = reverse(
            "wagtail_bulk_action",
            args=("planning", "intervention", "delete"),
        )
        query = f"?next=/&id={first.pk}&id={second.pk}"
        page = text(staff.get(bulk + query))
        assert "Voulez-vous vraiment supprimer ces 2 interventions ?" in page
        assert "référencé" not in page
        done = text(staff.post(bulk + query, follow=True))
        assert "2 interventions supprimées." in done
        assert not Intervention.objects.exists()

    def test_an_empty_list_says_so_in_french(self, staff):
        page = text(staff.get(url(Intervention, "list")))
        assert "Aucune intervention pour l&#x27;instant." in page


class TestOnlyTheirAgencysPeople:
    def test_filters_and_form_offer_none_of_another_agencys_people(
        self, staff, reunion, people, other_agency
    ):
        ClientFactory(agency=other_agency, last_name="Bertrand")
        IntervenantFactory(agency=other_agency, last_name="Bertrand")
        listing = staff.get(url(Intervention, "list"))
        filters = listing.context["filters"].form.fields
        form = staff.get(url(Intervention, "add")).context["form"].fields
        client, worker = people
        for fields in (filters, form):
            assert list(fields["client"].queryset) == [client]
            assert list(fields["intervenant"].queryset) == [worker]
        assert "Bertrand" not in text(listing)


class TestCouponList:
    def test_a_row_opens_the_validation_screen_and_shows_agency_times(
        self, staff, reunion, people
    ):
        coupon = declared(*people)
        page = text(staff.get(url(Coupon, "list")))
        review = reverse("planning_admin:coupon_review", args=[coupon.pk])
        assert f'href="{review}"' in page
        assert "04/12/2026 de 08:00 à 10:30" in page  # declared
        assert "04/12/2026 de 08:00 à 10:00" in page  # planned
        assert url(Coupon, "edit", coupon.pk) not in page

    def test_valider_from_the_list_posts_with_the_csrf_token(self, reunion, people):
        """The list's Valider is not a form nested in the list's own form: it posts
        through Wagtail's w-action controller, which sends the CSRF token."""
        browser = BrowserClient(enforce_csrf_checks=True)
        browser.force_login(
            StaffFactory(agency=reunion), "access.backends.StaffBackend"
        )
        coupon = declared(*people)
        page = text(browser.get(url(Coupon, "list")))
        validate = reverse("planning_admin:coupon_validate", args=[coupon.pk])
        assert f'data-w-action-url-value="{validate}"' in page
        cell = page.split(f'data-w-action-url-value="{validate}"')[0]
        assert "<form" not in cell[cell.rfind("<td") :]
        token = re.search(r'"CSRF_TOKEN": "([^"]+)"', page) or re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page
        )
        assert browser.post(validate).status_code == 403  # no token, refused
        response = browser.post(validate, {"csrfmiddlewaretoken": token.group(1)})
        assert response.status_code == 302
        coupon.refresh_from_db()
        assert coupon.status == "validated"


class TestNoCouponMadeUpByStaff:
    def test_there_is_no_add_button_nor_add_page(self, staff, reunion, people):
        visit_ = visit(*people)
        assert url(Coupon, "add") not in text(staff.get(url(Coupon, "list")))
        assert staff.get(url(Coupon, "add")).status_code == 404
        response = staff.post(
            url(Coupon, "add"),
            {
                "agency": reunion.pk,
                "intervention": visit_.pk,
                "intervenant": people[1].pk,
                "start": "2026-12-04 08:00",
                "end": "2026-12-04 09:00",
            },
        )
        assert response.status_code == 404
        assert not Coupon.objects.exists()


class TestCouponScreen:
    def test_it_shows_planned_beside_declared(self, staff, reunion, people):
        coupon = declared(*people)
        page = text(
            staff.get(reverse("planning_admin:coupon_review", args=[coupon.pk]))
        )
        for shown in (
            "Jeanne Roux",
            "Inès Durand",
            "04/12/2026 08:00",
            "04/12/2026 10:00",  # planned end
            "04/12/2026 10:30",  # declared end
            "+30 min",
            "12,5 km",
            "Courses faites",
            "Coupon d&#x27;Inès Durand du 04/12/2026 08:00",  # the visible title
        ):
            assert shown in page, shown
        assert 'name="start"' not in page and 'name="end"' not in page

    def test_validating_makes_the_visit_done_as_declared(self, staff, reunion, people):
        coupon = declared(*people)
        response = staff.post(
            reverse("planning_admin:coupon_validate", args=[coupon.pk]), follow=True
        )
        assert "Le coupon d&#x27;Inès Durand du 04/12/2026 08:00 a été validé" in text(
            response
        )
        coupon.refresh_from_db()
        visit_ = coupon.intervention
        assert coupon.status == "validated" and coupon.decided_by is not None
        assert visit_.status == "done" and visit_.end == coupon.end
        assert coupon.planned_end == MORNING + timedelta(hours=2)

    def test_refusing_needs_a_reason(self, staff, reunion, people):
        coupon = declared(*people)
        reject = reverse("planning_admin:coupon_reject", args=[coupon.pk])
        page = text(staff.post(reject, {"reason": "  "}))
        assert "Indiquez le motif du refus." in page
        coupon.refresh_from_db()
        assert coupon.status == "submitted"
        staff.post(reject, {"reason": "Horaires non conformes"})
        coupon.refresh_from_db()
        assert (coupon.status, coupon.reason) == ("rejected", "Horaires non conformes")
        assert coupon.intervention.status == "planned"

    def test_a_decided_coupon_is_read_only_with_its_decision(
        self, staff, reunion, people
    ):
        coupon = declared(*people)
        staff.post(
            reverse("planning_admin:coupon_reject", args=[coupon.pk]),
            {"reason": "Doublon"},
        )
        page = text(
            staff.get(reverse("planning_admin:coupon_review", args=[coupon.pk]))
        )
        assert "Refusé le " in page and "Motif : Doublon" in page
        assert reverse("planning_admin:coupon_validate", args=[coupon.pk]) not in page
        again = staff.post(
            reverse("planning_admin:coupon_validate", args=[coupon.pk]), follow=True
        )
        assert "Seul un coupon soumis peut être validé." in text(again)
        coupon.refresh_from_db()
        assert coupon.status == "rejected"

    def test_an_overlapping_coupon_is_refused_with_the_reason(
        self, staff, reunion, people
    ):
        coupon = declared(*people)
        # The worker's next visit starts where the declared end now falls.
        visit(*people, start=MORNING + timedelta(hours=2, minutes=15))
        response = staff.post(
            reverse("planning_admin:coupon_validate", args=[coupon.pk]), follow=True
        )
        page = text(response)
        assert "Le coupon ne peut pas être validé : Chevauchement avec" in page
        assert "a été validé" not in page
        coupon.refresh_from_db()
        assert coupon.status == "submitted" and coupon.decided_at is None
        assert coupon.intervention.status == "planned"
        assert coupon.intervention.end == MORNING + timedelta(hours=2)

    def test_declared_values_cannot_be_rewritten(self, staff, reunion, people):
        coupon = declared(*people)
        edit = url(Coupon, "edit", coupon.pk)
        review = reverse("planning_admin:coupon_review", args=[coupon.pk])
        assert staff.get(edit).url == review
        response = staff.post(
            edit,
            {"start": "2026-12-04 07:00", "end": "2026-12-04 07:30", "kilometres": "1"},
        )
        assert response.status_code == 302
        coupon.refresh_from_db()
        assert coupon.end == MORNING + timedelta(hours=2, minutes=30)
        assert str(coupon.kilometres) == "12.5"

    @pytest.mark.parametrize(
        "view,method",
        [
            ("coupon_review", "get"),
            ("coupon_validate", "post"),
            ("coupon_reject", "post"),
        ],
    )
    def test_another_agency_coupon_is_not_found(
        self, client, other_agency, reunion, people, view, method
    ):
        coupon = declared(*people)
        sign_in(client, StaffFactory(agency=other_agency))
        target = reverse(f"planning_admin:{view}", args=[coupon.pk])
        response = getattr(client, method)(target, {"reason": "x"})
        assert response.status_code == 404
        coupon.refresh_from_db()
        assert coupon.status == "submitted"
        assert client.get(url(Coupon, "edit", coupon.pk)).status_code == 404

    def test_the_screen_needs_no_query_per_field(
        self, staff, reunion, people, django_assert_max_num_queries
    ):
        coupon = declared(*people, start=timezone.now() - timedelta(hours=3))
        with django_assert_max_num_queries(25):
            staff.get(reverse("planning_admin:coupon_review", args=[coupon.pk]))
