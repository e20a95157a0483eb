"""An app node as `make serve` starts it: gunicorn with deploy/gunicorn.conf.py and the
production settings behind a proxy, two workers, whose metrics /metrics adds up, and
whose log lines are JSON with the proxy's request id."""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

from tests.cluster.harness import GUNICORN, ROOT, free_port


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def get(url, **headers):
    request = urllib.request.Request(url, headers={"Host": "localhost", **headers})
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_a_node_serves_probes_metrics_of_all_workers_and_json_logs(tmp_path):
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY="s" * 20 + "e" * 20 + "c" * 20,
        DJANGO_TRUSTED_PROXIES="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        GUNICORN,
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        # Up when /metrics answers: a probe that timed out on a busy machine and was
        # sent again would count twice among the probes counted below.
        while True:
            try:
                status, _headers, _body = get(f"{root}/metrics")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not come up"
                time.sleep(0.2)
        assert status == 200
        for _ in range(12):
            assert get(f"{root}/healthz")[0] == 200
        # As nginx relays an HTTPS request; over plain HTTP, a redirect to HTTPS
        # (the probes and /metrics are exempt from it).
        status, headers, _body = get(
            f"{root}/api/nowhere?token=SECRET-TOKEN-0042",
            **{
                "X-Request-ID": "proxy-id-0042",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "203.0.113.7",
            },
        )
        assert (status, headers["X-Request-ID"]) == (404, "proxy-id-0042")
        assert "Strict-Transport-Security" in headers
        assert get(f"{root}/api/nowhere")[0] == 301

        status, _headers, metrics = get(f"{root}/metrics")
        assert status == 200
        # Twelve probes, whichever worker answered each.
        assert (
            "django_http_responses_total_by_status_view_method_total"
            '{method="GET",status="200",view="healthz"} 12.0'
        ) in metrics
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "gunicorn.log").read_text()
    assert "SECRET-TOKEN-0042" not in output
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    (not_found,) = [line for line in lines if line.get("path") == "/api/nowhere"]
    assert not_found["request_id"] == "proxy-id-0042"
    assert not_found["level"] == "WARNING"
    # gunicorn's own lines too.
    assert any(
        line["logger"] == "gunicorn.error" and "Booting worker" in line["message"]
        for line in lines
    ), output
