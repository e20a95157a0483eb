"""The client's address comes from REMOTE_ADDR, or from X-Forwarded-For only as far as
our own proxies wrote it (issue 11, item 9)."""

import pytest
from django.test import RequestFactory

from access.client_ip import client_ip


def request(remote="10.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


class TestClientIp:
    def test_without_trusted_proxies_the_header_is_ignored(self, settings):
        settings.TRUSTED_PROXIES = 0
        assert client_ip(request(forwarded="203.0.113.7")) == "10.0.0.1"

    @pytest.mark.parametrize(
        ("proxies", "forwarded", "expected"),
        [
            # Our proxy appends the address it saw: anything left of it is the client's.
            (1, "198.51.100.9, 203.0.113.7", "203.0.113.7"),
            (1, "203.0.113.7", "203.0.113.7"),
            (2, "198.51.100.9, 203.0.113.7, 192.0.2.1", "203.0.113.7"),
            (1, "2001:DB8::1", "2001:db8::1"),
        ],
    )
    def test_the_nth_address_from_the_right(
        self, settings, proxies, forwarded, expected
    ):
        settings.TRUSTED_PROXIES = proxies
        assert client_ip(request(forwarded=forwarded)) == expected

    @pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "1.2.3.4:80"])
    def test_a_missing_or_malformed_header_falls_back_to_the_peer(
        self, settings, forwarded
    ):
        settings.TRUSTED_PROXIES = 1
        assert client_ip(request(forwarded=forwarded)) == "10.0.0.1"

    def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_peer(
        self, settings
    ):
        settings.TRUSTED_PROXIES = 2
        assert client_ip(request(forwarded="203.0.113.7")) == "10.0.0.1"
