import pytest

from tests.factories import AgencyFactory, ClientFactory, IntervenantFactory
from tests.factories.integration import agency_api, agency_api_key


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
