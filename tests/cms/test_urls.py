"""Wagtail screens that cms/urls.py keeps to superusers: each named other agencies'
pages or history to any staff member."""

import pytest

from home_pages.models import PortalPage
from tests.conftest import sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_site_history_is_for_superusers_only(client, agency):
    sign_in(client, StaffFactory(agency=agency))
    assert client.get("/admin/reports/site-history/").status_code == 403
    assert client.get("/admin/reports/site-history/results/").status_code == 403


def test_page_types_report_and_multiple_page_choice_are_for_superusers_only(
    client, agency, other_agency
):
    foreign = PortalPage.objects.filter(portal__agency=other_agency).first()
    sign_in(client, StaffFactory(agency=agency))
    for url in (
        "/admin/reports/page-types-usage/",
        "/admin/reports/page-types-usage/results/",
        f"/admin/choose-page/chosen-multiple/?id={foreign.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert foreign.title not in response.content.decode()
