import pytest
from django.core.exceptions import ValidationError

from home_pages.models import WRITE_NEEDS_WEEK_OR_MONTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(agency):
    return agency.portals.get(kind="intervenant").page


class TestPlanningRule:
    @pytest.mark.parametrize("view", ["day", "list"])
    @pytest.mark.parametrize("action", ["create", "change", "delete"])
    def test_write_actions_need_a_week_or_month_default_view(self, page, view, action):
        page.planning_default_view = view
        page.planning_availabilities = ["view", action]
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert error.value.message_dict["planning_default_view"] == [
            str(WRITE_NEEDS_WEEK_OR_MONTH)
        ]

    @pytest.mark.parametrize("view", ["day", "week", "month", "list"])
    def test_read_only_planning_accepts_any_default_view(self, page, view):
        page.planning_default_view = view
        page.planning_interventions = ["view"]
        page.full_clean()

    @pytest.mark.parametrize("view", ["week", "month"])
    def test_write_actions_are_accepted_with_week_or_month(self, page, view):
        page.planning_default_view = view
        page.planning_absences = ["view", "create", "change", "delete"]
        page.full_clean()

    def test_unknown_actions_are_refused(self, page):
        page.planning_absences = ["explode"]
        with pytest.raises(ValidationError):
            page.full_clean()


class TestHomeAndMenu:
    def test_url_mode_needs_a_url(self, page):
        page.home_mode = "url"
        page.home_url = ""
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "home_url" in error.value.message_dict

    def test_menu_keys_of_the_other_portal_are_refused(self, page):
        page.menu_sections = ["payment"]
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "menu_sections" in error.value.message_dict


class TestAddress:
    def test_address_uses_the_key_without_a_host_name(self, page):
        assert page.address == "http://testserver/p/alpha-intervenants/"

    def test_address_uses_the_host_name_when_set(self, page):
        page.portal.hostname = "intervenants.alpha.fr"
        assert page.address == "https://intervenants.alpha.fr/"
