"""Intégrations in the admin: a key created is shown once, listed with its last
use, revoked; another agency's keys are neither listed nor revocable."""

import re

import pytest
from django.urls import reverse

from integration.models import AgencyApiKey
from tests.factories import AgencyFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url

pytestmark = pytest.mark.django_db


def test_create_shows_the_key_once_and_it_works(staff, agency):
    page = reverse("integration_admin:keys")
    answer = staff.post(
        page,
        {"agency": agency.pk, "name": "Logiciel", "scopes": ["clients:read"]},
    )
    assert answer.status_code == 200
    secret = re.search(r"<code data-api-key>([^<]+)</code>", answer.content.decode())[1]
    key = AgencyApiKey.objects.get(agency=agency, name="Logiciel")
    assert key.scopes == ["clients:read"] and key.prefix == secret.split(".")[0]
    key.secret = secret
    assert agency_api(key).get(agency_url("clients")).status_code == 200

    listing = staff.get(page).content.decode()
    assert "Logiciel" in listing and secret not in listing
    assert "jamais" not in listing  # its last use is shown


def test_revoke_and_agency_scope(staff, agency):
    own = agency_api_key(agency, name="A nous")
    foreign = agency_api_key(AgencyFactory(), name="Ailleurs")
    listing = staff.get(reverse("integration_admin:keys")).content.decode()
    assert "A nous" in listing and "Ailleurs" not in listing

    refused = staff.post(reverse("integration_admin:revoke", args=[foreign.prefix]))
    assert refused.status_code == 404
    staff.post(reverse("integration_admin:revoke", args=[own.prefix]))
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.revoked and not foreign.revoked
    assert agency_api(own).get(agency_url("clients")).status_code == 401

    # Another agency cannot be chosen for a new key either.
    answer = staff.post(
        reverse("integration_admin:keys"),
        {"agency": foreign.agency.pk, "name": "X", "scopes": ["clients:read"]},
    )
    assert "data-api-key" not in answer.content.decode()
    assert not AgencyApiKey.objects.filter(name="X").exists()


def test_agency_staff_find_integrations_in_the_main_menu(staff):
    """Not under Wagtail's settings, which agency staff do not see."""
    menu = staff.get("/admin/").content.decode()
    for name in ("keys", "webhooks"):
        assert reverse(f"integration_admin:{name}") in menu


def test_the_list_names_the_rights_in_words(staff, agency):
    agency_api_key(agency, name="Lecture", scopes=["clients:read", "events:read"])
    agency_api_key(agency, name="Tout")
    listing = staff.get(reverse("integration_admin:keys")).content.decode()
    assert "Clients : lecture ; Événements : lecture" in listing
    assert "Tous les droits" in listing
    assert "clients:read, events:read" not in listing  # the API's names, joined
