"""Documents of a large agency (issue: documents, Speed).

- builds BENCH_DOC_CLIENTS clients (default 5,000), BENCH_DOC_INTERVENANTS
  intervenants (1,000), BENCH_DOCS published individual documents (200,000) and
  BENCH_DOC_COLLECTIVE collective ones (500), rows only, all pointing at one small
  stored PDF, plus a few explicit grants for the measured client;
- counts the SQL queries of GET documents for that client (in-process);
- prints the plan of the list query (EXPLAIN ANALYZE on PostgreSQL, before and
  after ANALYZE) and whether it reads the whole documents table (Seq Scan, SQLite
  SCAN, or every document of the agency through the index on `agency` alone);
- serves the project with gunicorn (2 sync workers) and loads, from a second process,
  the API, a plain Django view running only the relational rule, and an empty view:
  requests/second, p50, p99 (medians of interleaved rounds), and the ratio
  API/plain (target at least 0.8).
"""

import hashlib
import os
import random
import re
import statistics
import sys
import time
from datetime import timedelta
from functools import partial

from bench import inprocess, rows

CLIENTS = max(1, int(os.environ.get("BENCH_DOC_CLIENTS", "5000")))
INTERVENANTS = max(1, int(os.environ.get("BENCH_DOC_INTERVENANTS", "1000")))
DOCS = int(os.environ.get("BENCH_DOCS", "200000"))
COLLECTIVE = int(os.environ.get("BENCH_DOC_COLLECTIVE", "500"))
GRANTS = 5
CHUNK = 5000

# Seven individual documents in ten belong to a client, the rest to an intervenant
# (mostly payslips); published over the last three years.
CLIENT_SHARE = 0.7
CLIENT_CATEGORIES = {
    "invoice": 50,
    "tax_certificate": 8,
    "caf_certificate": 8,
    "quote": 12,
    "contract": 12,
    "resource": 10,
}
INTERVENANT_CATEGORIES = {"payslip": 85, "contract": 5, "resource": 10}
SPAN_SECONDS = 3 * 365 * 24 * 3600
INTERVENANT_SECTIONS = ["profile", "administrative", "payslips", "other_documents"]


_people = partial(rows.people, batch_size=CHUNK, first_name="P", domain="bench.example")


def build(agency):
    """The agency's people and documents; returns the client whose portal is
    measured."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from access.models import Client, Intervenant
    from bench.urls import CLIENT_SECTIONS
    from cms.demo_pdf import simple_pdf
    from home_pages.services import portal_page_configure
    from media.models import PortalDocument
    from media.services import document_share

    for kind, sections in (
        ("client", CLIENT_SECTIONS),
        ("intervenant", INTERVENANT_SECTIONS),
    ):
        portal_page_configure(
            page=agency.portals.get(kind=kind).page, menu_sections=sections
        )
    client_ids = _people(Client, agency, CLIENTS, "c")
    intervenant_ids = _people(Intervenant, agency, INTERVENANTS, "i")

    content = simple_pdf("Bench")
    storage = PortalDocument._meta.get_field("file").storage
    stored = storage.save("documents/bench.pdf", ContentFile(content))
    file_hash = hashlib.sha1(content).hexdigest()
    rng = random.Random(20261127)
    now = timezone.now()

    def document(title, **fields):
        published = now - timedelta(seconds=rng.randrange(SPAN_SECONDS))
        return PortalDocument(
            agency=agency,
            collection=agency.collection,
            title=title,
            file=stored,
            file_size=rng.randrange(20_000, 2_000_000),
            file_hash=file_hash,
            content_type="application/pdf",
            year=published.year,
            period=f"{published:%Y-%m}",
            is_published=True,
            published_at=published,
            **fields,
        )

    def individual():
        client_categories = list(CLIENT_CATEGORIES)
        client_weights = list(CLIENT_CATEGORIES.values())
        intervenant_categories = list(INTERVENANT_CATEGORIES)
        intervenant_weights = list(INTERVENANT_CATEGORIES.values())
        for i in range(DOCS):
            if rng.random() < CLIENT_SHARE:
                owner = {"client_id": rng.choice(client_ids)}
                category = rng.choices(client_categories, client_weights)[0]
            else:
                owner = {"intervenant_id": rng.choice(intervenant_ids)}
                category = rng.choices(intervenant_categories, intervenant_weights)[0]
            yield document(f"Document {i}", category=category, **owner)

    def collective():
        for i in range(COLLECTIVE):
            audience = [
                {"for_clients": True},
                {"for_intervenants": True},
                {"for_clients": True, "for_intervenants": True},
            ][i % 3]
            yield document(f"Note {i}", category="resource", **audience)

    for chunk in rows.chunks(individual(), CHUNK):
        PortalDocument.objects.bulk_create(chunk)
    for chunk in rows.chunks(collective(), CHUNK):
        PortalDocument.objects.bulk_create(chunk)

    client = Client.objects.get(pk=client_ids[len(client_ids) // 2])
    others = PortalDocument.objects.filter(agency=agency, client__isnull=False).exclude(
        client=client
    )
    # Two of the newest (they reach the first page) and a few older ones.
    shared = list(others.order_by("-published_at")[:2]) + list(
        others.order_by("pk")[: GRANTS - 2]
    )
    for one in shared:
        document_share(document=one, person=client)
    return client, stored


def count_queries(connection, key, identifier):
    """The in-process GET: queries of a warm request, and timings."""
    api, base = inprocess.token_client(key, identifier)
    assert api.get(base + "documents").status_code == 200  # warm caches
    response, queries, timings = inprocess.timed(
        connection, lambda: api.get(base + "documents")
    )
    results = len(response.json()["results"])
    print(
        f"GET {base}documents in-process: {len(queries)} SQL queries, "
        f"{results} results; median {statistics.median(timings):.2f} ms, "
        f"p95 {inprocess.p95(timings):.2f} ms "
        f"over {len(timings)} rounds"
    )
    for index, query in enumerate(queries.captured_queries, 1):
        print(f"  {index}. {' '.join(query['sql'].split())[:110]}")


def list_queryset(account, portal):
    """What DocumentListApi runs for the first page: the selector, LIMIT 21 (the
    cursor pagination reads one row more than the page)."""
    from media.selectors import document_list_for_account, visible_categories
    from portal_api.documents import NewestFirst

    categories = visible_categories(
        kind=portal.kind, sections=set(portal.page.menu_sections)
    )
    documents = document_list_for_account(account=account, categories=categories)
    return documents[: NewestFirst.page_size + 1]


def whole_table_reads(connection, plan) -> list[str]:
    """Plan lines that read the whole documents table, or every document of the
    agency through an index on `agency` alone (in a one-agency table, the same)."""
    from media.models import PortalDocument

    table = PortalDocument._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    agency_wide = [
        name
        for name, c in constraints.items()
        if c["index"] and c["columns"] == ["agency_id"]
    ]
    if connection.vendor == "postgresql":
        whole = rf"Seq Scan on {re.escape(table)}\b"
    else:
        whole = rf"\bSCAN {re.escape(table)}\b"  # SQLite: SEARCH is by an index
    patterns = [whole, *(rf"\b{re.escape(name)}\b" for name in agency_wide)]
    return [
        line.strip()
        for line in plan.splitlines()
        if any(re.search(pattern, line) for pattern in patterns)
    ]


def explain(connection, account, portal) -> None:
    from media.models import PortalDocument

    table = PortalDocument._meta.db_table
    queryset = list_queryset(account, portal)

    def show(title, plan):
        reads = whole_table_reads(connection, plan)
        timings = []
        for _run in range(20):
            start = time.perf_counter()
            list(queryset.all())
            timings.append((time.perf_counter() - start) * 1000)
        print(f"\n{title}, LIMIT 21:")
        print("\n".join(f"  {line}" for line in plan.splitlines()))
        print(
            f"Whole-table read of {table} (Seq Scan/SCAN, or the index on agency "
            f"alone): {'; '.join(reads) or 'none'}; the query alone takes "
            f"{statistics.median(timings):.2f} ms (median of 20)"
        )
        return reads

    if connection.vendor != "postgresql":
        reads = show(
            f"List query plan ({connection.vendor}, EXPLAIN QUERY PLAN)",
            queryset.explain(),
        )
    else:
        show(
            "List query plan (postgresql, EXPLAIN ANALYZE, before ANALYZE)",
            queryset.explain(analyze=True),
        )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        reads = show(f"The same after ANALYZE {table}", queryset.explain(analyze=True))
    if reads:
        print("The issue requires that no whole table is scanned: NOT met.")


def throughput(connection, agency, portal, client, identifier) -> None:
    from bench import serve

    with serve.served(connection) as root:
        endpoints = serve.endpoints(
            root,
            portal.key,
            identifier,
            api="documents",
            plain=f"{portal.key}/{agency.pk}/{client.pk}",
        )
        pages = serve.warm(endpoints)
        api_items, plain_items = pages["api"]["results"], pages["plain"]["results"]
        assert api_items and set(api_items[0]) == set(plain_items[0]), (
            api_items[:1],
            plain_items[:1],
        )
        same = len({i["id"] for i in api_items} & {i["id"] for i in plain_items})
        print(f"\nThroughput ({connection.vendor}): {serve.describe(connection)}")
        print(
            f"first page: API {len(api_items)} items, plain {len(plain_items)} items, "
            f"{same} in common (the rest are explicit grants, which plain ignores)"
        )
        serve.verdict(serve.compare(endpoints))


def main(connection) -> None:
    from media.models import PortalDocument
    from tests.factories import PortalAccountFactory, make_agency

    agency = make_agency(slug="bench-docs")
    start = time.perf_counter()
    client, stored = build(agency)
    built = time.perf_counter() - start
    account = PortalAccountFactory(person=client)
    portal = agency.portals.select_related("page").get(kind="client")
    print(
        f"\nDocuments ({connection.vendor}): {CLIENTS} clients, {INTERVENANTS} "
        f"intervenants, {DOCS} individual and {COLLECTIVE} collective documents, "
        f"{GRANTS} explicit grants to client #{client.pk}; built in {built:.1f} s"
    )
    try:
        count_queries(connection, portal.key, account.username)
        explain(connection, account, portal)
        sys.stdout.flush()
        throughput(connection, agency, portal, client, account.username)
    finally:
        PortalDocument._meta.get_field("file").storage.delete(stored)
