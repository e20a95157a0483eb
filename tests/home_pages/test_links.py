import pytest
from django.core.exceptions import ValidationError

from home_pages.links import fill_link_url, validate_link_url


class TestValidateLinkUrl:
    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/form?client={client_id}",
            "http://example.org/{agency}/{external_ref}",
            "https://example.org/",
        ],
    )
    def test_http_urls_with_known_placeholders_are_accepted(self, url):
        validate_link_url(url, "client")

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "ftp://example.org/file",
            "data:text/html,hello",
            "//example.org/no-scheme",
            "example.org",
        ],
    )
    def test_other_schemes_are_refused(self, url):
        with pytest.raises(ValidationError):
            validate_link_url(url, "client")

    def test_unknown_placeholders_are_refused_and_named(self):
        with pytest.raises(ValidationError) as error:
            validate_link_url("https://example.org/?x={password}", "client")
        assert "{password}" in error.value.messages[0]

    def test_a_placeholder_of_the_other_portal_is_refused(self):
        with pytest.raises(ValidationError):
            validate_link_url("https://example.org/?i={intervenant_id}", "client")
        validate_link_url("https://example.org/?i={intervenant_id}", "intervenant")

    def test_an_unclosed_brace_is_refused(self):
        with pytest.raises(ValidationError):
            validate_link_url("https://example.org/?c={client_id", "client")


class TestFillLinkUrl:
    def test_values_are_url_encoded(self):
        url = fill_link_url(
            "https://x.org/?r={external_ref}&a={agency}",
            {"external_ref": "a b/&?=", "agency": "demo"},
        )
        assert url == "https://x.org/?r=a%20b%2F%26%3F%3D&a=demo"

    def test_missing_values_become_empty(self):
        assert (
            fill_link_url("https://x.org/?r={external_ref}", {}) == "https://x.org/?r="
        )
