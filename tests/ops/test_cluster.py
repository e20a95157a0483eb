"""Two app nodes behind nginx agree (the short version of `make scale-test`).

Real processes on loopback (tests/cluster/harness.py): nginx, two gunicorn nodes with
the production settings, a task worker, the machine's PostgreSQL and Redis, a moto S3
server. A portal configuration published beside node A is served by node B on its
next request; a token and a session from A work on B; a lock-out reached on A holds
on B; a few seconds of load through nginx answer without an error. No kills.

Skipped only outside CI on a machine without nginx, PostgreSQL or Redis; in CI
(CI=true) they must be there (`make test` installs nginx).
"""

import json
import os
import socket
import time

import pytest

from tests.cluster.harness import NGINX, PASSWORD, Cluster, cookies_of, portal_path
from tests.cluster.load import LoadRun


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


MISSING = [
    name
    for name, present in (
        ("nginx", NGINX is not None),
        ("PostgreSQL", _listening(5432)),
        ("Redis", _listening(6379)),
    )
    if not present
]
pytestmark = pytest.mark.skipif(
    bool(MISSING) and os.environ.get("CI") != "true",
    reason=f"not on this machine: {', '.join(MISSING)}",
)


@pytest.fixture(scope="module")
def cluster():
    with Cluster(nodes=2, workers=1, load_users=10) as running:
        yield running


def body(answer) -> dict:
    return json.loads(answer[2])


def test_a_configuration_published_beside_node_a_is_served_by_node_b(cluster):
    a, b = cluster.nodes
    config = portal_path("demo-clients", "config")
    # Both nodes hold the current snapshot in the shared cache.
    before = {body(cluster.request("GET", config, node=n))["name"] for n in (a, b)}
    assert len(before) == 1
    published = json.loads(cluster.data("publish", "demo-clients", "Espace familles"))
    assert body(cluster.request("GET", config, node=b))["name"] == "Espace familles"
    assert body(cluster.request("GET", config, node=a))["name"] == "Espace familles"
    assert body(cluster.request("GET", config))["name"] == "Espace familles"
    assert published["config_version"]


def test_a_token_and_a_session_from_node_a_work_on_node_b(cluster):
    a, b = cluster.nodes
    status, headers, raw = cluster.request(
        "POST",
        portal_path("demo-intervenants", "auth/login"),
        {"identifier": "charge001@load.example", "password": PASSWORD},
        node=a,
    )
    assert status == 200
    token = json.loads(raw)["token"]
    cookie = cookies_of(headers)
    assert "sessionid=" in cookie
    me = portal_path("demo-intervenants", "me")
    by_token = cluster.request(
        "GET", me, headers={"Authorization": f"Token {token}"}, node=b
    )
    assert by_token[0] == 200
    assert body(by_token)["account"]["identifier"] == "charge001@load.example"
    by_session = cluster.request("GET", me, headers={"Cookie": cookie}, node=b)
    assert by_session[0] == 200
    assert body(by_session)["account"]["identifier"] == "charge001@load.example"
    # Signed out on B: the token is refused on A.
    assert (
        cluster.request(
            "POST",
            portal_path("demo-intervenants", "auth/logout"),
            headers={"Authorization": f"Token {token}"},
            node=b,
        )[0]
        == 204
    )
    refused = cluster.request(
        "GET", me, headers={"Authorization": f"Token {token}"}, node=a
    )
    assert refused[0] == 401


def test_a_lock_out_reached_on_node_a_holds_on_node_b(cluster):
    a, b = cluster.nodes
    login = portal_path("demo-clients", "auth/login")
    wrong = {"identifier": "client2@demo.example", "password": "not-the-password"}
    statuses = [cluster.request("POST", login, wrong, node=a)[0] for _ in range(5)]
    assert statuses[0] == 401
    right = {"identifier": "client2@demo.example", "password": PASSWORD}
    status, _headers, raw = cluster.request("POST", login, right, node=b)
    assert status == 429
    assert json.loads(raw)["error"]["code"] == "locked_out"
    # And through nginx, whichever node answers.
    assert cluster.request("POST", login, right)[0] == 429


def test_a_few_seconds_of_load_through_nginx_answer_without_an_error(cluster):
    identifiers = [f"charge{i:03d}@load.example" for i in range(2, 10)]
    started = time.monotonic()
    run = LoadRun(cluster.nginx_port, identifiers, seconds=6).run()
    assert time.monotonic() - started < 120
    summary = run.summary()
    print("load through nginx:", summary)
    # Each user signed in and read on (a busy machine hashes passwords slowly).
    assert summary["requests"] > 2 * len(identifiers)
    assert run.errors() == [], run.errors()[:5]
    # Both nodes answered (nginx's log names the upstream of each request).
    log = (cluster.folder / "nginx-access.log").read_text()
    assert all(f"127.0.0.1:{node.port}" in log for node in cluster.nodes)
    # Every availability the load saw created is in the database exactly once.
    created = set(run.ledger.created)
    kept = created - run.ledger.deleted
    rows = cluster.sql(
        "SELECT a.id FROM planning_availability a JOIN access_intervenant i"
        " ON i.id = a.intervenant_id WHERE i.email LIKE '%@load.example'"
    )
    assert sorted(pk for (pk,) in rows) == sorted(kept)
