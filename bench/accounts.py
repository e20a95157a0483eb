"""Batch account generation at scale (issue: portal accounts, Speed).

- invitation mode: BENCH_ACCOUNTS people (default 10,000), e-mails to a local SMTP
  sink (aiosmtpd), target at most 60 s wall;
- password mode: Django's default hasher, a smaller sample, accounts per second set
  against the limit (cores / seconds per hash).
"""

import os
import time

from bench import rows

ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", "10000"))
PASSWORD_SAMPLE = int(os.environ.get("BENCH_PASSWORD_ACCOUNTS", "200"))


def make_people(agency, count, prefix):
    from access.models import Client

    return rows.people(
        Client,
        agency,
        count,
        prefix,
        batch_size=10000,
        first_name="P",
        domain="bench.example",
    )


def run_batch(agency, sender, ids, delivery):

    from django.db.models import Count

    from access.services import account_batch_create, account_batch_run

    batch = account_batch_create(
        agency=agency, kind="client", person_ids=ids, delivery=delivery, sender=sender
    )
    start = time.perf_counter()
    batch = account_batch_run(batch=batch)
    elapsed = time.perf_counter() - start
    counts = dict(batch.items.values_list("result").annotate(n=Count("pk")))
    return elapsed, counts


def main(connection) -> None:
    from django.contrib.auth.hashers import make_password
    from django.test.utils import override_settings

    from access.models import SenderAddress
    from bench.smtp_sink import SmtpSink
    from tests.factories import make_agency

    agency = make_agency(slug="bench-accounts")
    sender = SenderAddress.objects.create(agency=agency, email="bench@bench.example")
    with (
        SmtpSink() as server,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            PASSWORD_HASHERS=[
                "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            ],
        ),
    ):
        ids = make_people(agency, ACCOUNTS, "inv")
        elapsed, counts = run_batch(agency, sender, ids, "invitation")
        print(f"\nBatch generation ({connection.vendor}, {os.cpu_count()} cores)")
        print(
            f"invitation mode: {ACCOUNTS} accounts in {elapsed:.1f} s wall "
            f"({ACCOUNTS / elapsed:.0f}/s), {server.received(ACCOUNTS)} e-mails "
            f"received by the SMTP sink; results {counts}; target <= 60 s: "
            f"{'met' if elapsed <= 60 else 'MISSED'}"
        )

        start = time.perf_counter()
        for _ in range(5):
            make_password("x" * 14)
        per_hash = (time.perf_counter() - start) / 5
        limit = (os.cpu_count() or 1) / per_hash
        ids = make_people(agency, PASSWORD_SAMPLE, "pwd")
        received = server.received(ACCOUNTS)
        elapsed, counts = run_batch(agency, sender, ids, "password")
        rate = PASSWORD_SAMPLE / elapsed
        print(
            f"password mode: {PASSWORD_SAMPLE} accounts in {elapsed:.1f} s "
            f"({rate:.1f}/s); one hash {per_hash:.3f} s, limit "
            f"{limit:.1f}/s = {rate / limit:.0%} of it; "
            f"{server.received(received + PASSWORD_SAMPLE) - received} e-mails; "
            f"results {counts}"
        )
