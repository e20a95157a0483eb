from tests.browser.conftest import assert_accessible


def test_staff_reaches_the_dashboard_in_french(admin_page):
    assert admin_page.locator("html").get_attribute("lang") == "fr"
    assert admin_page.get_by_role("button", name="Clients").is_visible()
    assert_accessible(admin_page)
