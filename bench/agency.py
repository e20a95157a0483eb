"""The agency API at scale (issue 15, Tests and figures).

- builds BENCH_AGENCY_CLIENTS clients (default 1,000) and BENCH_AGENCY_INTERVENANTS
  intervenants (200) with the agency's references, an API key, and
  BENCH_EVENTS events (100,000) in the outbox (bulk_create);
- counts the SQL queries of one `POST interventions/bulk` of 100 and of 1,000 rows
  (in-process, on references of their own), created and then sent again;
- serves the project with gunicorn (2 sync workers) and sends BENCH_AGENCY_ROWS
  interventions (10,000) from a second process in requests of 1,000 rows, one request
  at a time, as an agency's software would: (a) created, (b) the same rows again (all
  `unchanged`), (c) every row moved by an hour and renamed (all `updated`): rows per
  second of each pass (target at least 1,000);
- reads the events feed page by page from the start (`GET events?after=`), at the
  default page size and at the largest: pages per second, ms per page p50 / p90,
  total time.
"""

import os
import statistics
import sys
import time
from datetime import timedelta

from bench import rows, serve

CLIENTS = max(1, int(os.environ.get("BENCH_AGENCY_CLIENTS", "1000")))
INTERVENANTS = max(1, int(os.environ.get("BENCH_AGENCY_INTERVENANTS", "200")))
ROWS = int(os.environ.get("BENCH_AGENCY_ROWS", "10000"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "100000"))
PER_REQUEST = 1000  # integration.bulk.MAX_ROWS
TARGET = 1000  # rows per second
CHUNK = 5000
VISIT = timedelta(hours=2)
BASE = "/api/v1/agency/"


def build(agency):
    """The agency's people (references `c0`..., `i0`...) and its outbox."""
    from access.models import Client, Intervenant
    from integration.models import Event

    for model, prefix, count in (
        (Client, "c", CLIENTS),
        (Intervenant, "i", INTERVENANTS),
    ):
        rows.people(
            model,
            agency,
            count,
            prefix,
            batch_size=CHUNK,
            first_name="P{i}",
            domain="agency.example",
            external_ref=prefix + "{i}",
        )
    types = [Event.Type.PLANNING_CREATED, Event.Type.PLANNING_CHANGED]

    def events():
        for i in range(EVENTS):
            yield Event(
                agency=agency,
                type=types[i % 2],
                data={"kind": "intervention", "id": i + 1},
            )

    for chunk in rows.chunks(events(), CHUNK):
        Event.objects.bulk_create(chunk)


def planning_rows(origin, count, prefix, *, moved=False):
    """`count` interventions `{prefix}00000`...: each intervenant's visits a day apart,
    consecutive rows on different intervenants (as a month's export lists them, by
    date); `moved`: an hour later and another service, the overlap rule still met."""
    shift = timedelta(hours=1) if moved else timedelta(0)
    for i in range(count):
        start = origin + timedelta(days=i // INTERVENANTS) + shift
        yield {
            "external_ref": f"{prefix}{i:05d}",
            "client": f"c{i % CLIENTS}",
            "intervenant": f"i{i % INTERVENANTS}",
            "start": start.isoformat(),
            "end": (start + VISIT).isoformat(),
            "status": "planned",
            "service": "Ménage" if moved else "Aide à domicile",
        }


class Counter:
    """Every SQL statement run while active: CaptureQueriesContext keeps the last
    9,000 only, fewer than a 1,000-row request ran before InterventionBatch."""

    def __init__(self, connection):
        self.connection, self.statements = connection, []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapper = self.connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)


def count_queries(connection, secret, origin) -> None:
    """One bulk request of 100 rows and one of 1,000 (each on its own references):
    created, sent again, then updated; SQL queries of each, in-process."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    print("POST interventions/bulk in-process (SQL queries of a request):")
    for size, prefix, days in ((100, "Q", 400), (1000, "R", 500)):
        first = origin - timedelta(days=days)
        for label, moved in (
            ("created", False),
            ("unchanged", False),
            ("updated", True),
        ):
            body = {"rows": list(planning_rows(first, size, prefix, moved=moved))}
            with Counter(connection) as queries:
                start = time.perf_counter()
                response = api.post(BASE + "interventions/bulk", body, format="json")
                elapsed = time.perf_counter() - start
            assert response.status_code == 200, response.content
            tally = response.json()["counts"]
            assert tally[label] == size, tally
            count = len(queries.statements)
            print(
                f"  {size:>5} rows {label:<9}: {count:>6} queries "
                f"({count / size:.2f} a row), {elapsed * 1000:6.0f} ms "
                f"({size / elapsed:.0f} rows/s)"
            )
    with Counter(connection) as queries:
        response = api.get(BASE + "events", {"after": EVENTS // 2})
    assert response.status_code == 200, response.content
    print(f"GET events?after= in-process: {len(queries.statements)} SQL queries")
    for index, sql in enumerate(queries.statements, 1):
        print(f"  {index}. {' '.join(sql.split())[:110]}")


def warm_up(root, headers, origin) -> None:
    """Small requests on references of their own, months before the timed rows: each
    worker's first request imports and compiles what a bulk request uses, as a
    server running for a while has done already."""
    url = f"{root}{BASE}interventions/bulk"
    for i in range(serve.WORKERS * 4):
        first = origin - timedelta(days=200 + i)
        body = {"rows": list(planning_rows(first, 10, f"W{i}-"))}
        status, answer = serve.http("POST", url, body=body, headers=headers)
        assert status == 200, (status, answer)


def bulk_pass(root, headers, body_rows, expected) -> float:
    """The rows in requests of PER_REQUEST, one at a time; rows per second."""
    url = f"{root}{BASE}interventions/bulk"
    timings = []
    start = time.perf_counter()
    for chunk in rows.chunks(body_rows, PER_REQUEST):
        sent = time.perf_counter()
        status, body = serve.http(
            "POST", url, body={"rows": chunk}, headers=headers, timeout=300
        )
        timings.append(time.perf_counter() - sent)
        assert status == 200, (status, body)
        assert body["counts"][expected] == len(chunk), body["counts"]
    elapsed = time.perf_counter() - start
    rate = ROWS / elapsed
    print(
        f"{expected:<10}{ROWS:>7} rows in {len(timings):>3} requests: "
        f"{elapsed:6.2f} s, {rate:7.0f} rows/s (a request: median "
        f"{statistics.median(timings) * 1000:.0f} ms, slowest "
        f"{max(timings) * 1000:.0f} ms); target >= {TARGET} rows/s: "
        f"{'met' if rate >= TARGET else 'MISSED'}"
    )
    sys.stdout.flush()
    return rate


def read_feed(root, headers, limit) -> None:
    """The whole feed from the start, one page after another."""
    url = f"{root}{BASE}events"
    after, read, timings = 0, 0, []
    start = time.perf_counter()
    while True:
        sent = time.perf_counter()
        status, body = serve.http(
            "GET", f"{url}?after={after}&limit={limit}", headers=headers
        )
        timings.append((time.perf_counter() - sent) * 1000)
        assert status == 200, (status, body)
        read += len(body["results"])
        after = body["next_cursor"]
        if not body["has_more"]:
            break
    elapsed = time.perf_counter() - start
    timings.sort()
    assert read == EVENTS, read
    print(
        f"limit={limit:<5}{len(timings):>6} pages, {read} events in {elapsed:6.2f} s: "
        f"{len(timings) / elapsed:6.1f} pages/s, {read / elapsed:7.0f} events/s; "
        f"a page p50 {timings[len(timings) // 2]:.2f} ms, p90 "
        f"{timings[int(len(timings) * 0.9)]:.2f} ms"
    )
    sys.stdout.flush()


def main(connection) -> None:
    from django.utils import timezone

    from agency_api.events import MAX_PAGE_SIZE, PAGE_SIZE
    from tests.factories import make_agency
    from tests.factories.integration import agency_api_key

    agency = make_agency(slug="bench-agency")
    start = time.perf_counter()
    build(agency)
    built = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    secret = agency_api_key(agency, name="bench").secret
    origin = (timezone.now() + timedelta(days=30)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    print(
        f"\nAgency API ({connection.vendor}): {CLIENTS} clients, {INTERVENANTS} "
        f"intervenants, {EVENTS} events; built in {built:.1f} s"
    )
    count_queries(connection, secret, origin)
    sys.stdout.flush()
    headers = {"Authorization": f"Api-Key {secret}"}
    with serve.served(connection, timeout=600) as root:
        print(
            f"\nPOST interventions/bulk over HTTP ({connection.vendor}): gunicorn, "
            f"{serve.WORKERS} sync workers, {PER_REQUEST} rows a request sent one "
            f"after another, {os.cpu_count()} cores shared, workers warmed up"
        )
        warm_up(root, headers, origin)
        bulk_pass(root, headers, planning_rows(origin, ROWS, "I"), "created")
        bulk_pass(root, headers, planning_rows(origin, ROWS, "I"), "unchanged")
        bulk_pass(
            root, headers, planning_rows(origin, ROWS, "I", moved=True), "updated"
        )
        print(f"\nGET events?after= over HTTP ({connection.vendor}), {EVENTS} events:")
        for limit in (PAGE_SIZE, MAX_PAGE_SIZE):
            read_feed(root, headers, limit)
