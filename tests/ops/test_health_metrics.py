"""/healthz, /readyz (cms/health.py) and /metrics (cms/metrics.py)."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


class TestProbes:
    def test_liveness_answers_json_without_touching_the_database(self, client):
        connect = "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection"
        with mock.patch(connect, side_effect=OperationalError("down")):
            response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "checks": {}}
        assert "no-cache" in response["Cache-Control"]

    def test_readiness_names_each_service_reached(self, client):
        response = client.get("/readyz", HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "status": "ok",
            "checks": {
                "database": "ok",
                "cache": "ok",
                "storage": "ok",
                "private_storage": "ok",
                "tasks": "ok",
            },
        }

    # An unreachable database is a 503 too, not a 500; a storage that cannot be
    # written fails only its own check.
    @pytest.mark.parametrize(
        ("failing", "error", "service"),
        [
            (
                "django.core.cache.backends.locmem.LocMemCache.aget",
                ConnectionError("refused"),
                "cache",
            ),
            (
                "django.db.backends.base.base.BaseDatabaseWrapper.temporary_connection",
                OperationalError("connection refused"),
                "database",
            ),
            (
                "media.storage.PrivateFileSystemStorage.save",
                PermissionError("read-only"),
                "private_storage",
            ),
        ],
    )
    def test_readiness_is_a_503_naming_the_failing_service(
        self, client, failing, error, service
    ):
        with mock.patch(failing, side_effect=error):
            response = client.get("/readyz")
        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "unavailable"
        failed = {name for name, state in body["checks"].items() if state != "ok"}
        assert failed == {service}
        assert body["checks"][service] == "unavailable"
        # Why it failed is for the log, not for whoever asks.
        assert str(error) not in response.content.decode()

    def test_the_database_task_queue_is_read_and_its_failure_reported(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
        from health_check.exceptions import ServiceUnavailable

        from cms.health import TaskQueue

        backend = DatabaseBackend("default", {"OPTIONS": {}})
        with mock.patch("cms.health.task_backends", {"default": backend}):
            with CaptureQueriesContext(connection) as queries:
                TaskQueue().run()
            assert DBTaskResult._meta.db_table in queries[-1]["sql"]
            with mock.patch(
                "django.db.models.QuerySet.exists",
                side_effect=OperationalError("gone"),
            ):
                with pytest.raises(ServiceUnavailable):
                    TaskQueue().run()

    def test_the_redis_task_queue_is_pinged_and_its_failure_reported(self):
        from django_tasks_rq import RQBackend
        from health_check.exceptions import ServiceUnavailable
        from redis.exceptions import ConnectionError as RedisConnectionError

        from cms.health import TaskQueue

        backend = RQBackend("default", {"OPTIONS": {}, "QUEUES": ["default"]})
        with mock.patch("cms.health.task_backends", {"default": backend}):
            TaskQueue().run()  # the machine's Redis answers
            with mock.patch(
                "redis.Redis.ping", side_effect=RedisConnectionError("refused")
            ):
                with pytest.raises(ServiceUnavailable):
                    TaskQueue().run()


class TestMetrics:
    def test_loopback_reads_requests_latency_and_queries(self, client):
        client.get("/healthz")
        response = client.get("/metrics")
        assert response.status_code == 200
        text = response.content.decode()
        assert (
            "django_http_responses_total_by_status_view_method_total"
            '{method="GET",status="200",view="healthz"}'
        ) in text
        assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
        assert "django_db_execute_total" in text

    def test_other_addresses_get_a_404(self, client, settings):
        response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 404
        assert b"django_http" not in response.content

    def test_the_operator_allows_a_network(self, client, settings):
        settings.METRICS_ALLOWED = ["10.1.0.0/16"]
        assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
        assert client.get("/metrics").status_code == 404  # loopback no longer

    def test_behind_the_proxy_the_forwarded_client_is_judged(self, client, settings):
        """The proxy runs on the node (loopback): a request it relays from outside is
        refused, one from an allowed address passes."""
        settings.TRUSTED_PROXIES = 1
        settings.METRICS_ALLOWED = ["127.0.0.1", "10.1.0.0/16"]
        relayed = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert relayed.status_code == 404
        allowed = client.get("/metrics", HTTP_X_FORWARDED_FOR="10.1.2.3")
        assert allowed.status_code == 200
