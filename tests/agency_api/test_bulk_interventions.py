"""`POST interventions/bulk` reads ahead (integration.planning.InterventionBatch): its
SQL queries, and rows that meet the same reference twice, a rejected update, or a
reference another writer has just created."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integration.models import InterventionRef
from integration.planning import InterventionBatch
from planning.models import Intervention
from tests.factories import AgencyFactory, ClientFactory, IntervenantFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url

pytestmark = pytest.mark.django_db

START = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
PEOPLE = 5

# A row's queries beyond the request's own, all the row's rules kept (full_clean,
# the overlap rule):
# - created: a savepoint around its writes (2), the overlap rule (2: the
#   intervenant's visits, his absences), the intervention and its reference (2);
#   (`end` after `start` is clean()'s, in Python: the database's check of the same
#   constraint is left out; planning items are out of Wagtail's reference index);
# - updated: the same, one UPDATE instead of the two INSERTs (5);
# - unchanged: none: the request's people and references are read ahead.
PER_ROW = {"created": 6, "updated": 5, "unchanged": 0}


@pytest.fixture
def api():
    agency = AgencyFactory()
    for i in range(PEOPLE):
        ClientFactory(agency=agency, external_ref=f"C-{i}")
        IntervenantFactory(agency=agency, external_ref=f"I-{i}")
    client = agency_api(agency_api_key(agency))
    client.agency = agency
    return client


def row(ref, i, *, moved=False, **changes):
    start = START + timedelta(days=i // PEOPLE, hours=1 if moved else 0)
    return {
        "external_ref": ref,
        "client": f"C-{i % PEOPLE}",
        "intervenant": f"I-{i % PEOPLE}",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "service": "Ménage" if moved else "Aide au lever",
        **changes,
    }


def post(api, rows):
    with CaptureQueriesContext(connection) as queries:
        answer = api.post(
            agency_url("interventions/bulk"), {"rows": rows}, format="json"
        )
    assert answer.status_code == 200, answer.content
    return answer.json()["counts"], len(queries)


def test_queries_are_the_requests_own_plus_a_fixed_count_a_row(api):
    """The request's queries (key, transaction, people and references read ahead)
    do not grow with its rows; each row adds a fixed count, none when unchanged."""
    counts = {}
    for size, prefix, offset in ((10, "A", 0), (50, "B", 1000)):
        rows = [row(f"{prefix}{i}", offset + i) for i in range(size)]
        moved = [row(f"{prefix}{i}", offset + i, moved=True) for i in range(size)]
        for result, body in (
            ("created", rows),
            ("unchanged", rows),
            ("updated", moved),
        ):
            tally, queries = post(api, body)
            assert tally[result] == size, tally
            counts[result, size] = queries
    for result, per_row in PER_ROW.items():
        base = counts[result, 10] - 10 * per_row
        assert counts[result, 50] == base + 50 * per_row, (result, counts)
    assert counts["unchanged", 10] == counts["unchanged", 50] <= 10


def test_the_same_reference_twice_in_a_request(api):
    """The second row finds what the first created (the read-ahead is kept up to
    date), and a rejected update leaves the reference as stored."""
    rows = [
        row("V-1", 0),
        row("V-1", 0, service="Ménage"),
        row("V-1", 0, end=(START - timedelta(hours=1)).isoformat()),  # before start
        row("V-1", 0, service="Ménage"),
        row("V-1", 0, moved=True),
    ]
    answer = api.post(agency_url("interventions/bulk"), {"rows": rows}, format="json")
    results = [one["result"] for one in answer.json()["results"]]
    assert results == ["created", "updated", "error", "unchanged", "updated"]
    # clean()'s rule, its own message (the database's check of the same constraint
    # is left out of full_clean, every other constraint would be validated).
    assert answer.json()["results"][2]["fields"] == {
        "end": ["La fin doit suivre le début."]
    }
    item = Intervention.objects.get(agency=api.agency)
    assert (item.version, item.start) == (3, START + timedelta(hours=1))


def test_a_reference_created_meanwhile_is_updated(api):
    """Another writer creates the reference after the request read ahead: the row's
    INSERT fails on the unique reference and the row runs once more, finding it."""
    values = {
        "client": "C-0",
        "intervenant": "I-0",
        "start": START,
        "end": START + timedelta(hours=2),
        "status": "planned",
        "service": "Aide au lever",
    }
    with transaction.atomic():
        batch = InterventionBatch(agency=api.agency, rows=[("V-1", values, True)])
        other = Intervention.objects.create(
            agency=api.agency,
            client=batch.people["client"]["C-0"],
            start=START,
            end=START + timedelta(hours=1),
        )
        InterventionRef.objects.create(
            agency=api.agency, external_ref="V-1", intervention=other
        )
        item, result = batch.upsert("V-1", values)
    assert (item.pk, result) == (other.pk, "updated")
    other.refresh_from_db()
    assert (other.intervenant.external_ref, other.end, other.version) == (
        "I-0",
        START + timedelta(hours=2),
        2,
    )
    assert Intervention.objects.filter(agency=api.agency).count() == 1
