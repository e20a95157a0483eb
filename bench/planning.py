"""Planning of a large agency (issue: planning, Speed).

- builds BENCH_PLAN_CLIENTS clients (default 5,000), BENCH_PLAN_INTERVENANTS
  intervenants (1,000) and BENCH_INTERVENTIONS interventions (1,000,000) over two
  years, each intervenant's visits apart from one another, plus a weekly
  availability per intervenant and a few absences for the one measured;
- counts the SQL queries of GET planning for one week of that intervenant (in
  process) and prints the plan of its interventions query;
- serves the project with gunicorn (2 sync workers) and loads, from a second
  process, the API, a plain Django view running only the three planning queries
  and returning the same JSON, and an empty view: requests/second, p50, p99;
  API/plain (target at least 0.8).
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from functools import partial

from bench import inprocess, rows

CLIENTS = max(1, int(os.environ.get("BENCH_PLAN_CLIENTS", "5000")))
INTERVENANTS = max(1, int(os.environ.get("BENCH_PLAN_INTERVENANTS", "1000")))
INTERVENTIONS = int(os.environ.get("BENCH_INTERVENTIONS", "1000000"))
SPAN = timedelta(days=730)
VISIT = timedelta(hours=2)
CHUNK = 10000
SECTIONS = ["planning", "profile"]


_people = partial(rows.people, batch_size=CHUNK, first_name="P{i}",
                  domain="plan.example", address="{i} rue des Lilas",
                  postal_code="75011", city="Paris", phone="0102030405")  # fmt: skip


def build(agency, origin):
    """The agency's people and planning from `origin`; returns the intervenant
    whose portal is measured."""
    from access.models import Client, Intervenant
    from home_pages.services import portal_page_configure
    from planning.models import Absence, Availability, Intervention

    portal_page_configure(
        page=agency.portals.get(kind="intervenant").page,
        menu_sections=SECTIONS,
        planning_default_view="week",
        planning_interventions=["view"],
        planning_availabilities=["view"],
        planning_absences=["view"],
    )
    client_ids = _people(Client, agency, CLIENTS, "c")
    intervenant_ids = _people(Intervenant, agency, INTERVENANTS, "i")
    rng = random.Random(20261128)
    per_worker = max(1, INTERVENTIONS // len(intervenant_ids))
    step = SPAN / per_worker  # more than VISIT while per_worker < 8,760

    def interventions():
        made = 0
        for k in range(per_worker):
            for j, worker in enumerate(intervenant_ids):
                if made == INTERVENTIONS:
                    return
                start = origin + k * step + timedelta(minutes=(j * 7) % 60)
                yield Intervention(
                    agency=agency,
                    client_id=rng.choice(client_ids),
                    intervenant_id=worker,
                    start=start,
                    end=start + VISIT,
                    service="Aide à domicile",
                )
                made += 1

    for chunk in rows.chunks(interventions(), CHUNK):
        Intervention.objects.bulk_create(chunk)

    def availabilities():
        for worker in intervenant_ids:
            for week in range(SPAN.days // 7):
                start = origin + timedelta(weeks=week, hours=8)
                yield Availability(
                    agency=agency,
                    intervenant_id=worker,
                    start=start,
                    end=start + timedelta(hours=10),
                )

    for chunk in rows.chunks(availabilities(), CHUNK):
        Availability.objects.bulk_create(chunk)

    worker = Intervenant.objects.get(pk=intervenant_ids[len(intervenant_ids) // 2])
    # Absences in the gaps between visits, around the middle of the span.
    middle = origin + SPAN / 2
    first = Intervention.objects.filter(intervenant=worker, start__gte=middle).first()
    Absence.objects.bulk_create(
        Absence(
            agency=agency,
            intervenant=worker,
            start=first.end + i * step + timedelta(minutes=30),
            end=first.end + i * step + timedelta(minutes=90),
            reason="Rendez-vous",
        )
        for i in range(3)
    )
    return worker, middle


def week_of(moment):
    start = moment.date()
    return {"from": start.isoformat(), "to": (start + timedelta(days=6)).isoformat()}


def count_queries(connection, key, identifier, week):
    api, base = inprocess.token_client(key, identifier)
    assert api.get(base + "planning", week).status_code == 200  # warm caches
    response, queries, timings = inprocess.timed(
        connection, lambda: api.get(base + "planning", week)
    )
    body = response.json()
    print(
        f"GET {base}planning?from={week['from']}&to={week['to']} in-process: "
        f"{len(queries)} SQL queries; {len(body['interventions'])} interventions, "
        f"{len(body['availabilities'])} availabilities, {len(body['absences'])} "
        f"absences; median {statistics.median(timings):.2f} ms, p95 "
        f"{inprocess.p95(timings):.2f} ms over "
        f"{len(timings)} rounds"
    )
    for index, query in enumerate(queries.captured_queries, 1):
        print(f"  {index}. {' '.join(query['sql'].split())[:110]}")


def explain(connection, worker, middle) -> None:
    from planning.models import Intervention

    # As planning.selectors runs it: the visits, then their clients by key.
    queryset = (
        Intervention.objects.filter(intervenant=worker)
        .overlapping(middle, middle + timedelta(days=7))
        .order_by("start", "pk")
    )
    if connection.vendor == "postgresql":
        plan = queryset.explain(analyze=True)
    else:
        plan = queryset.explain()
    timings = []
    for _run in range(20):
        start = time.perf_counter()
        list(queryset.prefetch_related("client"))
        timings.append((time.perf_counter() - start) * 1000)
    print(f"\nInterventions query plan ({connection.vendor}):")
    print("\n".join(f"  {line}" for line in plan.splitlines()))
    print(
        f"The query and its clients' take {statistics.median(timings):.2f} ms "
        "(median of 20)"
    )


def throughput(connection, key, worker, identifier, week) -> None:
    from bench import serve

    with serve.served(connection) as root:
        query = f"?from={week['from']}&to={week['to']}"
        endpoints = serve.endpoints(
            root,
            key,
            identifier,
            api=f"planning{query}",
            plain=f"planning/{worker.pk}{query}",
        )
        bodies = serve.warm(endpoints)
        assert bodies["api"] == bodies["plain"], (bodies["api"], bodies["plain"])
        print(f"\nThroughput ({connection.vendor}): {serve.describe(connection)}")
        print("API and plain view return the same JSON")
        serve.verdict(serve.compare(endpoints))


def main(connection) -> None:
    from django.utils import timezone

    from planning.models import Intervention
    from tests.factories import PortalAccountFactory, make_agency

    agency = make_agency(slug="bench-plan")
    origin = (timezone.now() - SPAN / 2).replace(
        hour=7, minute=0, second=0, microsecond=0
    )
    start = time.perf_counter()
    worker, middle = build(agency, origin)
    built = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: without statistics the planner
        # takes the 5,000 clients for a few hundred and hashes them all.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    account = PortalAccountFactory(person=worker)
    key = agency.portals.get(kind="intervenant").key
    week = week_of(middle)
    print(
        f"\nPlanning ({connection.vendor}): {CLIENTS} clients, {INTERVENANTS} "
        f"intervenants, {Intervention.objects.count()} interventions over "
        f"{SPAN.days} days; built in {built:.1f} s"
    )
    count_queries(connection, key, account.username, week)
    explain(connection, worker, middle)
    sys.stdout.flush()
    throughput(connection, key, worker, account.username, week)
