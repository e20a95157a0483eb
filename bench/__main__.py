"""`make bench`: the portal read API on a large agency, then batch account
generation (bench/accounts.py), then documents at scale with the HTTP throughput of
the documents list (bench/documents.py), then a million interventions with the HTTP
figures of one intervenant's week (bench/planning.py), then the agency API's bulk
upsert and events feed over HTTP (bench/agency.py).

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is set),
fills one agency with PEOPLE clients, then times each endpoint in-process.
"""

import os
import statistics
import sys

from bench.inprocess import ROUNDS, p95, timed, token_client

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))
# Which stages run, e.g. BENCH_STAGES=documents for the documents one alone.
STAGES = os.environ.get(
    "BENCH_STAGES", "read,accounts,documents,planning,agency,web"
).split(",")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if "read" in STAGES:
            run(connection)
        if "accounts" in STAGES:
            from bench import accounts

            accounts.main(connection)
        if "documents" in STAGES:
            from bench import documents

            documents.main(connection)
        if "planning" in STAGES:
            from bench import planning

            planning.main(connection)
        if "agency" in STAGES:
            from bench import agency

            agency.main(connection)
        if "web" in STAGES:
            from bench import web

            web.main(connection)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(connection) -> None:
    from access.models import Client
    from tests.factories import PortalAccountFactory, make_agency

    agency = make_agency(slug="bench")
    Client.objects.bulk_create(
        Client(agency=agency, first_name="P", last_name=f"N{i}", email=f"p{i}@x.org")
        for i in range(PEOPLE)
    )
    account = PortalAccountFactory(person=Client.objects.filter(agency=agency).first())
    api, base = token_client("bench-clients", account.username)
    print(f"{connection.vendor}, {PEOPLE} clients in the agency, {ROUNDS} rounds")
    print(f"{'endpoint':<12}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for name, call in [
        ("config", lambda: api.get(base + "config")),
        ("home", lambda: api.get(base + "home")),
        ("me", lambda: api.get(base + "me")),
        ("menu", lambda: api.get(base + "menu")),
    ]:
        _response, queries, timings = timed(connection, call)
        print(
            f"{name:<12}{statistics.median(timings):>10.2f}{p95(timings):>10.2f}"
            f"{len(queries):>9}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
