import pytest

from tests.factories import AgencyFactory, ClientFactory, IntervenantFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url


@pytest.fixture
def api():
    """A client holding an every-scope key of a new agency, found on `api.agency`."""
    agency = AgencyFactory()
    client = agency_api(agency_api_key(agency))
    client.agency = agency
    return client


@pytest.fixture
def people(api):
    """Client C-1 and intervenant I-1 of `api.agency`, for the bodies that name
    people by reference."""
    ClientFactory(agency=api.agency, external_ref="C-1")
    IntervenantFactory(agency=api.agency, external_ref="I-1")


def listed_refs(api, path, params=None) -> list:
    """The references on the first page of the list at `path` (None for an item
    made elsewhere than through the API)."""
    answer = api.get(agency_url(path), params)
    assert answer.status_code == 200, answer.content
    return [row["external_ref"] for row in answer.json()["results"]]
