"""The full scale scenario (`make scale-test`): two app nodes behind nginx, two task
workers, the machine's PostgreSQL and Redis, a moto S3 server, on loopback.

    .venv/bin/python -m tests.cluster.scenario [--users 50] [--seconds 60]
        [--batch 2000] [--no-postgres-restart]

1. `users` portal users for `seconds` through nginx, then the same load against one
   node alone: requests, errors, throughput, p50/p99 side by side.
2. A batch of `batch` invitation accounts enqueued beside node A, shared by the
   workers a chunk task at a time; a worker running a chunk is killed (SIGKILL) in
   the middle and a fresh one started; `resume_account_batches` runs as cron would
   (every few seconds here, with a 10 s stale threshold) and takes the dead chunk;
   accounts, e-mails and the batch's state are counted.
3. The load again, node A killed (SIGKILL, its whole process group) a third of the
   way in and started again near the end: nginx sends everything to node B.
4. The load again, PostgreSQL stopped a quarter of the way in and started 5 s later:
   what was answered while it was down, and how soon requests succeed again.
5. Every availability the load saw created (201) is in the database exactly once,
   every one it saw deleted (204) is gone.

Exits 0 when every check holds, 1 otherwise; the figures are printed either way.
Restarting PostgreSQL affects every user of the machine's server: run it alone.
"""

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

from .harness import Cluster
from .load import Ledger, LoadRun

POSTGRES_VERSION = (
    sorted(os.listdir("/etc/postgresql"))[-1]
    if os.path.isdir("/etc/postgresql")
    else ""
)


def say(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    sys.stdout.write(f"[{stamp}] {message}\n")
    sys.stdout.flush()


def pg_ctl(action: str) -> None:
    command = [
        "pg_ctlcluster",
        "--skip-systemctl-redirect",
        POSTGRES_VERSION,
        "main",
        action,
    ]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True, timeout=120, capture_output=True)


class Checks:
    def __init__(self):
        self.rows = []

    def __call__(self, name: str, ok: bool, detail: str = "") -> bool:
        self.rows.append((name, ok, detail))
        say(f"{'PASS' if ok else 'FAIL'}  {name}  {detail}")
        return ok

    @property
    def passed(self) -> bool:
        return all(ok for _name, ok, _detail in self.rows)


def base(phase: int) -> datetime.datetime:
    """Each phase writes its availabilities on days of its own (no overlaps)."""
    tomorrow = datetime.datetime.now(datetime.UTC).replace(
        hour=0, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=1)
    return tomorrow + datetime.timedelta(days=7 * phase)


def describe(samples) -> str:
    counts = Counter(
        (s.operation, s.status, s.body[:60] if s.status else s.body[:40])
        for s in samples
    )
    return "; ".join(
        f"{n}x {op} {status} {body!r}"
        for (op, status, body), n in counts.most_common(6)
    )


POSTS = {"sign-in", "availability+"}


def is_clean_unavailable(sample) -> bool:
    if sample.status != 503:
        return False
    try:
        error = json.loads(sample.body)["error"]
    except (ValueError, KeyError, TypeError):
        return False
    return error.get("code") == "service_unavailable" and bool(error.get("message"))


# -- phases ----------------------------------------------------------------------


def load_phases(cluster, identifiers, seconds, ledger, checks):
    say(f"load: {len(identifiers)} users for {seconds} s through nginx (2 nodes)")
    both = LoadRun(
        cluster.nginx_port, identifiers, seconds, ledger=ledger, base=base(0)
    ).run()
    checks("load through nginx: 0 errors", not both.errors(), describe(both.errors()))
    say(f"load: {len(identifiers)} users for {seconds} s against node A alone")
    one = LoadRun(
        cluster.nodes[0].port,
        identifiers,
        seconds,
        headers={"X-Forwarded-For": "127.0.0.1"},
        ledger=ledger,
        base=base(1),
    ).run()
    checks("load on one node: 0 errors", not one.errors(), describe(one.errors()))
    return both, one


# The nodes' and workers' threshold for a batch without progress (production: 300 s):
# short, so that the cron's resume takes the dead worker's chunk within the phase.
BATCH_STALE_SECONDS = 10
CRON_EVERY = 5  # seconds between two runs of the cron's resume_account_batches


def batch_phase(cluster, total, checks) -> dict:
    figures = {}
    cluster.environment["DJANGO_ACCOUNT_BATCH_STALE_SECONDS"] = str(BATCH_STALE_SECONDS)
    started = time.monotonic()
    batch = json.loads(cluster.data("enqueue-batch"))["batch"]
    say(f"batch {batch}: {total} invitation accounts enqueued")

    def state():
        (row,) = cluster.sql(
            f"SELECT status, processed FROM access_accountbatch WHERE id = {batch}"
        )
        return row

    def chunks():
        """The batch's chunk tasks (args: batch id, first and last item ids)."""
        return [
            (status, workers)
            for status, workers, args in cluster.sql(
                "SELECT status, worker_ids, args_kwargs"
                " FROM django_tasks_database_dbtaskresult"
                " WHERE task_path LIKE '%run_account_batch_chunk' ORDER BY enqueued_at"
            )
            if (args if isinstance(args, dict) else json.loads(args))["args"][0]
            == batch
        ]

    def accounts():
        return cluster.sql(
            "SELECT count(*) FROM access_user WHERE email LIKE 'invite%@load.example'"
        )[0][0]

    # Killed once some accounts exist and before the end.
    deadline = time.monotonic() + 300
    while accounts() < total // 4 and state()[0] != "done":
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    running = [row for row in chunks() if row[0].upper() == "RUNNING"]
    # One worker dies; the other goes on taking chunks.
    victim_ids = {worker for row in running[:1] for worker in row[1]}
    victims = [w for w in cluster.workers if w.name in victim_ids and w.alive()]
    figures["chunk tasks"] = len(chunks())
    figures["accounts when a worker was killed"] = accounts()
    figures["batch state then"] = state()
    for victim in victims:
        victim.extra["killed"] = True
        victim.kill(signal.SIGKILL)
        say(f"{victim.name} killed (SIGKILL) in the middle of a chunk of the batch")
    cluster.start_worker()
    say("a fresh worker started")
    # What cron does every minute on one node, here every few seconds.
    deadline, cron_runs, resumed = time.monotonic() + 180, 0, []
    while state()[0] != "done" and time.monotonic() < deadline:
        time.sleep(CRON_EVERY)
        output = cluster.manage("resume_account_batches").strip()
        cron_runs += 1
        if output:
            resumed.append(output)
            say(f"cron: {output}")
    figures["batch seconds"] = round(time.monotonic() - started, 1)
    figures["cron runs of resume_account_batches"] = cron_runs
    figures["resumed by cron"] = resumed
    figures["batch state at the end"] = state()
    figures["chunk task states"] = dict(Counter(row[0] for row in chunks()))
    figures["workers that took a chunk"] = sorted(
        {worker for row in chunks() for worker in row[1]}
    )
    figures["accounts"] = accounts()
    items = dict(
        cluster.sql(
            f"SELECT result, count(*) FROM access_accountbatchitem"
            f" WHERE batch_id = {batch} GROUP BY result"
        )
    )
    figures["items by result"] = items
    time.sleep(2)  # the last messages reach the sink
    recipients = Counter(
        address
        for message in cluster.emails()
        for address in [str(message["To"])]
        if address.startswith("invite") or "<invite" in address
    )
    figures["e-mails"] = sum(recipients.values())
    figures["people e-mailed"] = len(recipients)
    figures["people e-mailed twice or more"] = sum(
        1 for n in recipients.values() if n > 1
    )
    done = state()[0] == "done"
    checks(
        "batch resumed after its worker was killed (resume_account_batches, cron)",
        done and (not victims or bool(resumed)),
        f"{state()}; {len(resumed)} resume(s) in {cron_runs} cron run(s)",
    )
    checks(
        "batch: exactly the accounts",
        figures["accounts"] == total,
        str(figures["accounts"]),
    )
    checks(
        "batch: every item created, none skipped",
        items == {"created": total},
        json.dumps(items),
    )
    # A second e-mail only for a message in flight at the kill (a handful at most:
    # one per SMTP connection of the dead worker).
    checks(
        "batch: every account e-mailed, twice only if in flight at the kill",
        figures["people e-mailed"] == total
        and figures["people e-mailed twice or more"] <= 8,
        f"{figures['e-mails']} e-mails to {figures['people e-mailed']} people,"
        f" {figures['people e-mailed twice or more']} twice",
    )
    checks(
        "batch shared by both workers",
        len(figures["workers that took a chunk"]) > 1,
        f"{figures['chunk tasks']} chunk tasks taken by "
        + ", ".join(figures["workers that took a chunk"]),
    )
    return figures


def node_kill_phase(cluster, identifiers, seconds, ledger, checks):
    node = cluster.nodes[0]
    events = {}

    def during(run):
        time.sleep(seconds / 3)
        events["killed"] = run.now()
        node.extra["killed"] = True
        node.kill(signal.SIGKILL)
        say(f"{node.name} killed (SIGKILL, master and workers)")
        time.sleep(seconds / 3)
        events["restarted"] = run.now()
        cluster.start_node(0, port=node.port)
        say("node A started again on its port")

    say(f"load: {len(identifiers)} users for {seconds} s, node A killed in the middle")
    run = LoadRun(
        cluster.nginx_port, identifiers, seconds, ledger=ledger, base=base(2)
    ).run(during=during)
    cluster.wait_ready(cluster.nodes[0])
    errors = run.errors()
    # nginx resends a GET or a DELETE that a dying node did not answer; a POST
    # (sign-in, creation) that had reached it is not resent: its client gets a 503.
    posts = [s for s in errors if s.operation in POSTS]
    others = [s for s in errors if s.operation not in POSTS]
    checks(
        "node killed: reads and deletes all answered by the other node",
        not others,
        describe(others),
    )
    checks(
        "node killed: POSTs in flight at the kill failed cleanly (503 shape)",
        all(is_clean_unavailable(s) for s in posts),
        f"{len(posts)} POST(s) cut: {describe(posts)}",
    )
    return run, events


def postgres_phase(cluster, identifiers, seconds, ledger, checks, record):
    events = {}

    def during(run):
        time.sleep(seconds / 4)
        events["stopped"] = run.now()
        try:
            pg_ctl("stop")
            say("PostgreSQL stopped")
            time.sleep(5)
        finally:
            pg_ctl("start")
            events["started"] = run.now()
            say("PostgreSQL started")

    say(f"load: {len(identifiers)} users for {seconds} s, PostgreSQL restarted")
    run = LoadRun(
        cluster.nginx_port, identifiers, seconds, ledger=ledger, base=base(3)
    ).run(during=during)
    down = [s for s in run.samples if events["stopped"] <= s.at <= events["started"]]
    failed = [s for s in run.samples if not s.ok]
    unclean = [s for s in failed if not is_clean_unavailable(s)]
    after = [s for s in run.samples if s.at > events["started"] and s.ok]
    recovery = min((s.at for s in after), default=None)
    late = [s for s in failed if s.at > events["started"] + 15]
    events["answers while down"] = dict(Counter(s.status for s in down))
    events["failures"] = len(failed)
    events["first success after the start (s)"] = (
        round(recovery - events["started"], 2) if recovery is not None else None
    )
    events["worker restarts"] = list(record["restarts"])
    checks(
        "PostgreSQL down: every failure is a clean 503 in the error shape",
        not unclean,
        describe(unclean),
    )
    checks(
        "PostgreSQL back: requests succeed again by themselves",
        recovery is not None and not late,
        f"first success {events['first success after the start (s)']} s after the"
        f" start; {len(late)} failure(s) later than 15 s",
    )
    return run, events


def ledger_check(cluster, ledger, checks) -> dict:
    rows = cluster.sql(
        "SELECT a.id, a.intervenant_id, a.start FROM planning_availability a"
        " JOIN access_intervenant i ON i.id = a.intervenant_id"
        " WHERE i.email LIKE '%@load.example'"
    )
    present = {pk for pk, _person, _start in rows}
    kept = set(ledger.created) - ledger.deleted
    lost = kept - present
    resurrected = ledger.deleted & present
    extra = present - kept - ledger.deleted
    doubled = [k for k, n in Counter((p, s) for _pk, p, s in rows).items() if n > 1]
    figures = {
        "writes seen created": len(ledger.created),
        "seen deleted": len(ledger.deleted),
        "in the database": len(present),
        "lost": len(lost),
        "deleted but present": len(resurrected),
        "doubled": len(doubled),
        "present, answer never seen": len(extra),
        "writes without an answer": ledger.unknown,
        "deletes found already done (nginx retried them)": ledger.deletes_found_done,
    }
    checks(
        "writes: each one seen to succeed is in the database exactly once",
        not lost and not resurrected and not doubled,
        json.dumps(figures, ensure_ascii=False),
    )
    return figures


# -- report ----------------------------------------------------------------------


def table(runs: dict) -> str:
    header = (
        f"{'load':<36}{'requests':>9}{'errors':>8}{'req/s':>8}"
        f"{'p50 ms':>8}{'p99 ms':>8}"
    )
    lines = [header, "-" * len(header)]
    for name, run in runs.items():
        s = run.summary()
        lines.append(
            f"{name:<36}{s['requests']:>9}{s['errors']:>8}{s['throughput']:>8}"
            f"{s['p50_ms']:>8}{s['p99_ms']:>8}"
        )
    return "\n".join(lines)


def operations(run) -> str:
    lines = [f"  {'operation':<22}{'n':>7}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}"]
    for name, row in run.by_operation().items():
        lines.append(
            f"  {name:<22}{row['n']:>7}{row['p50_ms']:>8}{row['p99_ms']:>8}"
            f"{row['errors']:>8}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--fault-seconds", type=int, default=45)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--no-postgres-restart", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the logs' folder")
    options = parser.parse_args(argv)
    checks = Checks()
    ledger = Ledger()
    runs = {}
    started = time.monotonic()
    identifiers = [f"charge{i:03d}@load.example" for i in range(options.users)]
    with Cluster(
        nodes=2,
        workers=2,
        gunicorn_workers=2,
        load_users=options.users,
        batch_people=options.batch,
        log=say,
        keep=options.keep,
    ) as cluster:
        say(
            f"cluster up: nginx :{cluster.nginx_port}, nodes "
            + ", ".join(f"{n.name} :{n.port}" for n in cluster.nodes)
            + f", workers {', '.join(w.name for w in cluster.workers)}"
            + f"; logs in {cluster.folder}"
        )
        record = cluster.supervise_workers()
        both, one = load_phases(cluster, identifiers, options.seconds, ledger, checks)
        runs[f"{options.users} users, nginx + 2 nodes"] = both
        runs[f"{options.users} users, 1 node alone"] = one
        batch = batch_phase(cluster, options.batch, checks)
        killed, kill_events = node_kill_phase(
            cluster, identifiers, options.fault_seconds, ledger, checks
        )
        runs["node A killed during the load"] = killed
        pg_events = None
        if not options.no_postgres_restart:
            restarted, pg_events = postgres_phase(
                cluster, identifiers, options.fault_seconds, ledger, checks, record
            )
            runs["PostgreSQL restarted during the load"] = restarted
        writes = ledger_check(cluster, ledger, checks)
        print()
        print(table(runs))
        print()
        print(f"by operation, {options.users} users through nginx:")
        print(operations(both))
        print(f"by operation, {options.users} users on one node:")
        print(operations(one))
        print()
        print("batch:", json.dumps(batch, ensure_ascii=False, default=str))
        print("node kill:", json.dumps(kill_events))
        if pg_events is not None:
            print("PostgreSQL restart:", json.dumps(pg_events, default=str))
        print("writes:", json.dumps(writes, ensure_ascii=False))
        print()
        for name, ok, _detail in checks.rows:
            print(f"{'PASS' if ok else 'FAIL'}  {name}")
        print(
            f"\nscenario {'passed' if checks.passed else 'FAILED'} in "
            f"{time.monotonic() - started:.0f} s"
        )
    return 0 if checks.passed else 1


if __name__ == "__main__":
    sys.exit(main())
