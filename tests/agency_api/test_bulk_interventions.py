"""`POST interventions/bulk` reads ahead (integration.planning.InterventionBatch): its
SQL queries, and rows that meet the same reference twice, a rejected update, a
conflict among the request's own rows, or a reference another writer has just
created."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from access.models import Client, Intervenant
from integration.models import InterventionRef
from integration.planning import InterventionBatch
from planning.models import Absence, Intervention
from tests.conftest import wagtail_roots
from tests.factories import AgencyFactory, ClientFactory, IntervenantFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url

pytestmark = pytest.mark.django_db

START = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
PEOPLE = 5

# A request's queries do not grow with its rows (up to a hundred, a statement per
# table writes them all), all the rows' rules kept (full_clean, the overlap rule,
# answered from the intervenants' visits and absences read ahead over the rows'
# times): its people and references are read ahead, its changed and new rows
# written together at its end.


@pytest.fixture
def api():
    # The race test below is transactional: one run before it (another module's)
    # leaves the database emptied, Wagtail's roots included.
    wagtail_roots()
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


def test_a_requests_queries_do_not_grow_with_its_rows(api):
    """The same queries for 10 and 50 rows created, sent again or updated: the
    key, the transaction, the read-ahead and the writes of the whole request."""
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
    for result in ("created", "unchanged", "updated"):
        assert counts[result, 10] == counts[result, 50], (result, counts)
    assert counts["unchanged", 10] <= 10
    # Written together, as save() would have: the new values, version, date.
    item = Intervention.objects.get(external__external_ref="B49")
    assert (item.start, item.service, item.version) == (
        START + timedelta(days=(1000 + 49) // PEOPLE, hours=1),
        "Ménage",
        2,
    )
    assert item.updated_at > timezone.now() - timedelta(minutes=1)


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


def _visit_of_another_writer(agency, external_ref):
    """What another writer leaves: the reference on a visit of its own (of client
    C-0, one hour, not staffed)."""
    other = Intervention.objects.create(
        agency=agency,
        client=Client.objects.get(agency=agency, external_ref="C-0"),
        start=START,
        end=START + timedelta(hours=1),
    )
    InterventionRef.objects.create(
        agency=agency, external_ref=external_ref, intervention=other
    )
    return other


def test_a_reference_inserted_after_the_read_ahead_fails_the_insert(api):
    """The request's new rows go in at its end: a reference another writer has
    inserted since the read-ahead fails that insert (the request then runs again,
    below), it is never written twice."""
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
        _visit_of_another_writer(api.agency, "V-1")
        assert batch.upsert("V-1", values)[1] == "created"
        with pytest.raises(IntegrityError), transaction.atomic():
            batch.flush()
    assert InterventionRef.objects.filter(external_ref="V-1").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer at a time: no other can insert meanwhile",
)
def test_a_reference_created_meanwhile_is_updated(api, monkeypatch):
    """Another writer commits the reference between the request's read-ahead and
    its insert: the request runs once more, finds it and updates it."""
    read_ahead = InterventionBatch.__init__
    others = []

    def another_writer_meanwhile(batch, **kwargs):
        read_ahead(batch, **kwargs)
        if not others:  # the first run only

            def write():
                others.append(_visit_of_another_writer(api.agency, "V-1"))
                connection.close()

            writer = threading.Thread(target=write)
            writer.start()
            writer.join()

    monkeypatch.setattr(InterventionBatch, "__init__", another_writer_meanwhile)
    answer = api.post(
        agency_url("interventions/bulk"),
        {"rows": [row("V-1", 0), row("V-2", 1)]},
        format="json",
    )
    results = [one["result"] for one in answer.json()["results"]]
    assert results == ["updated", "created"], answer.json()
    [other] = others
    other.refresh_from_db()
    assert (other.intervenant.external_ref, other.end, other.version) == (
        "I-0",
        START + timedelta(hours=2),
        2,
    )
    assert Intervention.objects.filter(agency=api.agency).count() == 2


def results_of(api, rows):
    answer = api.post(agency_url("interventions/bulk"), {"rows": rows}, format="json")
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def test_the_overlap_rule_among_the_requests_own_rows(api):
    """A new row meets another new row of the same request: refused, naming it by
    its id; a visit moved away earlier in the request frees its time; a cancelled
    one takes none."""
    first, clash = results_of(api, [row("V-1", 0), row("V-2", 0, service="Ménage")])
    assert (first["result"], clash["result"], clash["code"]) == (
        "created",
        "error",
        "overlap",
    )
    assert clash["fields"] == {"conflict": [f"interventions:{first['id']}"]}
    moved_then_taken = results_of(
        api,
        [
            row(
                "V-1",
                0,
                start=(START + timedelta(hours=5)).isoformat(),
                end=(START + timedelta(hours=7)).isoformat(),
            ),
            row("V-3", 0),
            row("V-3", 0, status="cancelled"),
            row("V-4", 0),
        ],
    )
    assert [one["result"] for one in moved_then_taken] == [
        "updated",
        "created",
        "updated",
        "created",
    ]
    assert not Intervention.objects.filter(external__external_ref="V-2").exists()


def test_the_overlap_rule_against_what_is_stored(api):
    """Visits and absences stored before the request, read ahead over its times."""
    results_of(api, [row("V-1", 0)])
    intervenant = Intervenant.objects.get(agency=api.agency, external_ref="I-1")
    absence = Absence.objects.create(
        agency=api.agency,
        intervenant=intervenant,
        start=START - timedelta(hours=1),
        end=START + timedelta(hours=1),
    )
    stored = Intervention.objects.get(external__external_ref="V-1")
    answer = results_of(
        api,
        [
            row("V-2", 0, service="Ménage"),
            row("V-3", 1),
            row("V-4", 2),
        ],
    )
    assert [(one["result"], one.get("fields")) for one in answer] == [
        ("error", {"conflict": [f"interventions:{stored.pk}"]}),
        ("error", {"conflict": [f"absences:{absence.pk}"]}),
        ("created", None),
    ]
