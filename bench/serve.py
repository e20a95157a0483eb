"""The HTTP part of the benchmarks: the project served by gunicorn (2 sync workers)
on the benchmark's database, loaded from a second process (bench/load.py) endpoint
by endpoint in interleaved rounds."""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import load

WORKERS = 2
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "5"))
LOAD_ROUNDS = max(1, int(os.environ.get("BENCH_LOAD_ROUNDS", "3")))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "4"))
# The API against the plain Django view reading the same rows (issue 12).
RATIO_TARGET = 0.8
BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(method, url, *, body=None, headers=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


def token(root, key, identifier) -> dict:
    """The headers of a token client of the portal `key`, signed in over HTTP."""
    from tests.factories import PASSWORD

    _status, body = http(
        "POST",
        f"{root}/api/v1/portals/{key}/auth/login",
        body={"identifier": identifier, "password": PASSWORD},
    )
    return {"Authorization": f"Token {body['token']}"}


def _wait_ready(server, url, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            if http("GET", url, timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(
        "gunicorn did not come up:\n" + Path(log_path).read_text(errors="replace")
    )


def _stop(server) -> None:
    if server.poll() is None:
        server.terminate()  # graceful: the master stops its workers
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def _copy_sqlite(connection, path) -> None:
    """The in-memory test database, copied to a file the workers can open."""
    import sqlite3

    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


@contextmanager
def served(connection, *, timeout=60):
    """gunicorn serving bench/settings.py on this connection's database; yields the
    root URL. `timeout`: seconds a request may take before gunicorn kills its
    worker."""
    from django.conf import settings

    workdir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "BENCH_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    if connection.vendor == "sqlite":
        database = workdir / "bench.sqlite3"
        _copy_sqlite(connection, database)
        env["BENCH_SQLITE_FILE"] = str(database)
    else:
        env["BENCH_DB_NAME"] = connection.settings_dict["NAME"]
    port = free_port()
    root = f"http://127.0.0.1:{port}"
    log_path = workdir / "gunicorn.log"
    server = None
    try:
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers",
                    str(WORKERS),
                    "--worker-class",
                    "sync",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    str(timeout),
                    "--graceful-timeout",
                    "5",
                    "cms.wsgi:application",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        _wait_ready(server, f"{root}/bench/empty", log_path)
        yield root
    finally:
        if server is not None:
            _stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


def endpoints(root, key, identifier, *, api: str, plain: str) -> list:
    """What a throughput comparison loads: the portal API at `api` (signed in with
    a token), the plain Django view at `plain` that reads the same rows, and the
    empty view (the server's own cost)."""
    return [
        ("api", f"{root}/api/v1/portals/{key}/{api}", token(root, key, identifier)),
        ("plain", f"{root}/bench/plain/{plain}", {}),
        ("empty", f"{root}/bench/empty", {}),
    ]


def describe(connection) -> str:
    from importlib.metadata import version

    return (
        f"gunicorn {version('gunicorn')}, {WORKERS} sync workers, "
        f"CONN_MAX_AGE={os.environ.get('BENCH_CONN_MAX_AGE', '60')}; load by "
        f"{load.generator()}, {LOAD_CONNECTIONS} connections, {LOAD_ROUNDS} "
        f"interleaved rounds of {LOAD_SECONDS:g} s per endpoint (medians), "
        f"{os.cpu_count()} cores shared"
    )


def warm(endpoints) -> dict:
    """A few requests per endpoint (every worker's caches), and each one's body."""
    bodies = {}
    for name, url, headers in endpoints:
        for _warm in range(WORKERS * 10):
            status, bodies[name] = http("GET", url, headers=headers)
            assert status == 200, (name, status, bodies[name])
    return bodies


def verdict(figures) -> None:
    """The API's throughput against the plain view's (and the target for it), each
    one's against the empty view's (the server's own cost), and the latencies."""
    api, plain, empty = figures["api"], figures["plain"], figures["empty"]
    ratio = api["rps"] / plain["rps"]
    print(
        f"API/plain = {ratio:.2f} (target >= {RATIO_TARGET}: "
        f"{'met' if ratio >= RATIO_TARGET else 'MISSED'}); "
        f"API/empty = {api['rps'] / empty['rps']:.2f}, "
        f"plain/empty = {plain['rps'] / empty['rps']:.2f}; "
        f"p50 {api['p50_ms']:.2f} ms against {plain['p50_ms']:.2f} ms, "
        f"p99 {api['p99_ms']:.2f} ms against {plain['p99_ms']:.2f} ms"
    )


def compare(endpoints) -> dict:
    """Requests/second, p50 and p99 of each (name, url, headers), printed and
    returned: medians over interleaved rounds, since the machine's speed drifts
    over a run and must not favour whichever endpoint came last."""
    runs = {name: [] for name, _url, _headers in endpoints}
    for _round in range(LOAD_ROUNDS):
        for name, url, headers in endpoints:
            runs[name].append(
                load.measure(
                    url,
                    seconds=LOAD_SECONDS,
                    connections=LOAD_CONNECTIONS,
                    headers=headers,
                )
            )
    print(
        f"{'endpoint':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'requests':>10}{'errors':>8}"
    )
    figures = {}
    for name, results in runs.items():
        figures[name] = result = {
            measure: statistics.median(r[measure] for r in results)
            for measure in ("rps", "p50_ms", "p99_ms")
        }
        result["requests"] = sum(r["requests"] for r in results)
        result["errors"] = sum(r["errors"] for r in results)
        print(
            f"{name:<10}{result['rps']:>9.1f}{result['p50_ms']:>9.2f}"
            f"{result['p99_ms']:>9.2f}{result['requests']:>10}{result['errors']:>8}"
        )
    sys.stdout.flush()
    return figures
