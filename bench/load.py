"""HTTP load from a second process: wrk when installed (Debian package `wrk`),
otherwise this module run as `python -m bench.load`, a thread pool bounded in time
and in number of requests. Both give requests/second, p50 and p99."""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "200000"))
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def generator() -> str:
    wanted = os.environ.get("BENCH_LOAD", "")
    if wanted == "python" or not shutil.which("wrk"):
        return "python"
    return "wrk"


def measure(url, *, seconds, connections, headers=None) -> dict:
    """requests, rps, p50_ms, p99_ms and errors (non-2xx and socket errors)."""
    headers = headers or {}
    if generator() == "wrk":
        return _wrk(url, seconds=seconds, connections=connections, headers=headers)
    command = [
        sys.executable,
        "-m",
        "bench.load",
        url,
        "--seconds",
        str(seconds),
        "--connections",
        str(connections),
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    return json.loads(done.stdout)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * UNITS_MS[unit]


def _wrk(url, *, seconds, connections, headers) -> dict:
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds:g}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    out = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    try:
        latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
        errors = sum(
            int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)
        )
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return {
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": _ms(latency["50"]),
            "p99_ms": _ms(latency["99"]),
            "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
        }
    except (AttributeError, KeyError) as error:
        raise RuntimeError(f"unexpected wrk output:\n{out}") from error


def _run(url, *, seconds, connections, headers) -> dict:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + seconds
    budget = iter(range(MAX_REQUESTS))
    lock = threading.Lock()
    latencies, errors = [], [0]

    def worker():
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=10
                )
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                ok = 200 <= response.status < 400
            except OSError:
                ok = False
            mine.append((time.perf_counter() - start) * 1000)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "rps": count / elapsed,
        "p50_ms": latencies[count // 2] if count else 0.0,
        "p99_ms": latencies[min(count - 1, int(count * 0.99))] if count else 0.0,
        "errors": errors[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    result = _run(
        args.url, seconds=args.seconds, connections=args.connections, headers=headers
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
