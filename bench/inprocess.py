"""What the in-process measures share: an API client signed in with a token, as a
mobile app is, and a GET timed over BENCH_ROUNDS rounds."""

import os
import time

ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "200")))


def token_client(key, identifier):
    """(client, base path) of the portal `key`, signed in as `identifier`."""
    from rest_framework.test import APIClient

    from tests.factories import PASSWORD

    api = APIClient()
    base = f"/api/v1/portals/{key}/"
    login = {"identifier": identifier, "password": PASSWORD}
    token = api.post(base + "auth/login", login, format="json").json()["token"]
    # A token client (a mobile app) sends no session cookie: measured as one, like
    # the tests' signed_in (the sign-in also opens a browser session).
    api.cookies.clear()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api, base


def timed(connection, call):
    """`call()` (a request that must answer 200) ROUNDS times: the last response,
    the SQL queries of the last round, and the timings in ms, sorted."""
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _round in range(ROUNDS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = call()
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content
    timings.sort()
    return response, queries, timings


def p95(timings) -> float:
    """Of timings sorted by `timed`."""
    return timings[max(0, int(len(timings) * 0.95) - 1)]
