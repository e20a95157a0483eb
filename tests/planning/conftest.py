"""What the planning tests on the agency's clock share: one morning, one family
and one care worker of La Réunion's agency, and a visit between them."""

from datetime import UTC, datetime

import pytest

from tests.factories import ClientFactory, IntervenantFactory, InterventionFactory

# 04/12/2026 04:00 UTC: 05:00 in Paris, 08:00 in La Réunion (UTC+4).
MORNING = datetime(2026, 12, 4, 4, 0, tzinfo=UTC)


@pytest.fixture
def people(reunion):
    client = ClientFactory(agency=reunion, first_name="Jeanne", last_name="Roux")
    worker = IntervenantFactory(agency=reunion, first_name="Inès", last_name="Durand")
    return client, worker


def visit(client, worker, start=MORNING, **fields):
    return InterventionFactory(client=client, intervenant=worker, start=start, **fields)
