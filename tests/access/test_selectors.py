"""Reads of access.selectors called directly (the staff's agencies are
tests/access/test_staff_scope.py's)."""

import pytest

from access.selectors import portal_by_hostname

pytestmark = pytest.mark.django_db


def with_hostname(agency, hostname):
    portal = agency.portals.get(kind="client")
    portal.hostname = hostname
    portal.save(update_fields=["hostname"])
    return portal


class TestPortalByHostname:
    def test_each_host_name_finds_its_own_agencys_portal(self, agency, other_agency):
        ours = with_hostname(agency, "extranet.alpha.example")
        theirs = with_hostname(other_agency, "extranet.beta.example")
        assert portal_by_hostname(hostname="extranet.alpha.example") == ours
        assert portal_by_hostname(hostname="extranet.beta.example") == theirs

    def test_a_host_name_no_portal_has_finds_nothing(self, agency):
        with_hostname(agency, "extranet.alpha.example")
        assert portal_by_hostname(hostname="autre.example") is None
