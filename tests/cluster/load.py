"""Portal users as threads, each on its own keep-alive connection: sign in, read the
menu, the documents and the planning, add and remove availabilities, download a
document (following the storage's short-lived address). Bounded in users and time.

Every answer is recorded (operation, status, latency); every availability the
generator saw created (201) or deleted (204) is kept, to be checked against the
database afterwards: each write seen to succeed is there exactly once.
"""

import datetime
import json
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException

from .harness import PASSWORD, portal_path

PORTAL = "demo-intervenants"
EXPECTED = {200, 201, 204, 302}


@dataclass
class Sample:
    operation: str
    status: int  # 0: no answer (connection refused, reset, timed out)
    seconds: float
    at: float  # since the start of the run
    body: str = ""
    ok: bool = True


@dataclass
class Ledger:
    """The writes the generator saw succeed."""

    created: dict = field(default_factory=dict)  # availability id -> user identifier
    deleted: set = field(default_factory=set)
    unknown: int = 0  # writes with no answer (their outcome is unknown)
    deletes_found_done: int = 0  # DELETEs answered 404: an earlier attempt did it
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """One keep-alive connection to host:port, reopened after any failure."""

    def __init__(self, port: int, headers=None, timeout: float = 60):
        self.port = port
        self.headers = {"Host": "localhost", **(headers or {})}
        self.timeout = timeout
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout
            )
        sent = {**self.headers, **(headers or {})}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=payload, headers=sent)
            response = self.connection.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, response, data
        except (OSError, HTTPException):
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class User(threading.Thread):
    def __init__(self, run: "LoadRun", index: int, identifier: str):
        super().__init__(name=f"load-{index}", daemon=True)
        self.run_ = run
        self.index = index
        self.identifier = identifier
        self.client = Client(run.port, run.headers)
        self.token = None
        self.slot = 0
        self.mine: list[tuple[int, int]] = []  # (id, version) not yet deleted

    def call(self, operation, method, path, body=None, headers=None, ok=EXPECTED):
        started = time.monotonic()
        try:
            status, response, data = self.client.request(method, path, body, headers)
        except (OSError, HTTPException) as error:
            self.run_.record(
                Sample(
                    operation,
                    0,
                    time.monotonic() - started,
                    self.run_.now(),
                    repr(error),
                    ok=False,
                )
            )
            return 0, None, b""
        sample = Sample(
            operation,
            status,
            time.monotonic() - started,
            self.run_.now(),
            ok=status in ok,
        )
        if not sample.ok:
            sample.body = data[:300].decode(errors="replace")
        self.run_.record(sample)
        return status, response, data

    def auth(self):
        return {"Authorization": f"Token {self.token}"}

    def sign_in(self):
        status, _response, data = self.call(
            "sign-in",
            "POST",
            portal_path(PORTAL, "auth/login"),
            {"identifier": self.identifier, "password": PASSWORD},
        )
        self.token = json.loads(data)["token"] if status == 200 else None

    def availability_create(self):
        # One hour a slot, each user's slots apart: writes never overlap.
        start = self.run_.base + datetime.timedelta(minutes=30 * self.slot)
        self.slot += 1
        body = {
            "start": start.isoformat(),
            "end": (start + datetime.timedelta(minutes=20)).isoformat(),
        }
        path = portal_path(PORTAL, "planning/availabilities")
        status, _response, data = self.call(
            "availability+", "POST", path, body, self.auth(), ok={201}
        )
        if status == 201:
            item = json.loads(data)
            with self.run_.ledger.lock:
                self.run_.ledger.created[item["id"]] = self.identifier
            self.mine.append((item["id"], item["version"]))
        elif status in {0, 502, 504}:
            with self.run_.ledger.lock:
                self.run_.ledger.unknown += 1

    def availability_delete(self):
        pk, version = self.mine.pop(0)
        path = portal_path(PORTAL, f"planning/availabilities/{pk}")
        # A DELETE is idempotent: nginx sends it again to the other node when the
        # first one died before answering; if the first had already deleted the
        # item, the second finds it gone (404), which is the outcome wanted.
        status, _r, _d = self.call(
            "availability-",
            "DELETE",
            path,
            None,
            {**self.auth(), "If-Match": f'"{version}"'},
            ok={204, 404},
        )
        if status in {204, 404}:
            with self.run_.ledger.lock:
                self.run_.ledger.deleted.add(pk)
                if status == 404:
                    self.run_.ledger.deletes_found_done += 1
        elif status in {0, 502, 504}:
            self.mine.insert(0, (pk, version))  # try again next round

    def download(self, document: int):
        started = time.monotonic()
        status, response, _data = self.call(
            "download",
            "GET",
            portal_path(PORTAL, f"documents/{document}/download"),
            headers=self.auth(),
        )
        if status == 302:
            url = urllib.parse.urlsplit(response.getheader("Location"))
            storage = HTTPConnection(url.hostname, url.port, timeout=30)
            try:
                storage.request("GET", f"{url.path}?{url.query}")
                answer = storage.getresponse()
                answer.read()
                self.run_.record(
                    Sample(
                        "download (storage)",
                        answer.status,
                        time.monotonic() - started,
                        self.run_.now(),
                        ok=answer.status == 200,
                    )
                )
            except (OSError, HTTPException) as error:
                self.run_.record(
                    Sample(
                        "download (storage)",
                        0,
                        0,
                        self.run_.now(),
                        repr(error),
                        ok=False,
                    )
                )
            finally:
                storage.close()

    def run(self):
        frm = self.run_.base.date().isoformat()
        to = (self.run_.base + datetime.timedelta(days=30)).date().isoformat()
        document = None
        round_ = 0
        try:
            while time.monotonic() < self.run_.deadline:
                # A fresh sign-in every tenth round, as people come and go.
                if self.token is None or round_ % 10 == 9:
                    self.sign_in()
                    if self.token is None:
                        time.sleep(0.5)
                        continue
                round_ += 1
                self.call(
                    "menu", "GET", portal_path(PORTAL, "menu"), headers=self.auth()
                )
                status, _r, data = self.call(
                    "documents",
                    "GET",
                    portal_path(PORTAL, "documents"),
                    headers=self.auth(),
                )
                if status == 200 and document is None:
                    results = json.loads(data)["results"]
                    document = results[0]["id"] if results else None
                self.call(
                    "planning",
                    "GET",
                    portal_path(PORTAL, f"planning?from={frm}&to={to}"),
                    headers=self.auth(),
                )
                self.availability_create()
                if len(self.mine) > 1:
                    self.availability_delete()
                if document is not None and round_ % 2 == 0:
                    self.download(document)
                if self.run_.think:
                    time.sleep(self.run_.think)
        finally:
            self.client.close()


class LoadRun:
    """`users` portal users for `seconds` against port (nginx, or one node)."""

    def __init__(
        self,
        port,
        identifiers,
        seconds,
        headers=None,
        ledger=None,
        think=0.0,
        base=None,
    ):
        self.port = port
        self.identifiers = identifiers
        self.seconds = seconds
        self.headers = headers or {}
        self.ledger = ledger if ledger is not None else Ledger()
        self.think = think
        self.samples: list[Sample] = []
        self._lock = threading.Lock()
        tomorrow = datetime.datetime.now(datetime.UTC).replace(
            hour=0, minute=0, second=0, microsecond=0
        ) + datetime.timedelta(days=1)
        self.base = base or tomorrow

    def now(self) -> float:
        return time.monotonic() - self.started

    def record(self, sample: Sample):
        with self._lock:
            self.samples.append(sample)

    def run(self, during=None) -> "LoadRun":
        """Run the users; `during(run)`, if given, runs in this thread meanwhile
        (a fault to inject) and must return before the load's end."""
        self.started = time.monotonic()
        self.deadline = self.started + self.seconds
        users = [User(self, i, ident) for i, ident in enumerate(self.identifiers)]
        for user in users:
            user.start()
        if during is not None:
            during(self)
        for user in users:
            # Bounded: the deadline plus the longest request's time-out.
            user.join(timeout=max(1, self.deadline - time.monotonic()) + 90)
        self.elapsed = time.monotonic() - self.started
        # Sign-outs are not needed: tokens expire; the threads are all done.
        return self

    # -- figures ----------------------------------------------------------------

    def errors(self, between=None) -> list[Sample]:
        return [
            s
            for s in self.samples
            if not s.ok and (between is None or between[0] <= s.at <= between[1])
        ]

    def summary(self) -> dict:
        latencies = sorted(s.seconds for s in self.samples)
        return {
            "requests": len(self.samples),
            "errors": len(self.errors()),
            "seconds": round(self.elapsed, 1),
            "throughput": round(len(self.samples) / self.elapsed, 1),
            "p50_ms": round(1000 * percentile(latencies, 50)),
            "p99_ms": round(1000 * percentile(latencies, 99)),
        }

    def by_operation(self) -> dict:
        table = {}
        for operation in sorted({s.operation for s in self.samples}):
            values = sorted(s.seconds for s in self.samples if s.operation == operation)
            table[operation] = {
                "n": len(values),
                "p50_ms": round(1000 * percentile(values, 50)),
                "p99_ms": round(1000 * percentile(values, 99)),
                "errors": sum(
                    1 for s in self.samples if s.operation == operation and not s.ok
                ),
            }
        return table


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    if p >= 100:
        return values[-1]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]
