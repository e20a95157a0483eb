"""Probes for load balancers and orchestrators, through django-health-check.

- /healthz: the process answers (liveness); it touches nothing else, so that a
  database outage does not get every app node restarted.
- /readyz: the database, the cache, both file storages and the task queue answer
  (readiness): 200 when all do, 503 when one does not, so that the balancer sends no
  traffic to a node that would fail it.

Both answer JSON, {"status": "ok"|"unavailable", "checks": {name: "ok"|"unavailable"}},
and never a 500. Why a check failed goes to the log (django-health-check logs it),
not into the answer: the errors name hosts and ports.
"""

import asyncio
import dataclasses
import logging

from django.db import connections, router
from django.http import JsonResponse
from django_tasks import task_backends
from django_tasks.exceptions import InvalidTaskBackendError
from health_check import Cache, Database, HealthCheck, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task backend's queue can be read. With the database backend (the
    default) that is its table, read through the index of ready tasks; a backend
    that runs tasks in the request (tests) has no queue to reach."""

    alias: str = "default"

    def run(self):
        try:
            backend = task_backends[self.alias]
        except InvalidTaskBackendError as e:
            raise ServiceUnavailable("Task backend alias does not exist") from e
        from django_tasks_db.backend import DatabaseBackend

        if type(backend).__module__.startswith("django_tasks_rq"):
            return self.run_redis()
        if not isinstance(backend, DatabaseBackend):
            return
        from django.db import Error
        from django_tasks_db.models import DBTaskResult

        database = router.db_for_read(DBTaskResult)
        try:
            # A connection of its own, closed after: the check runs in a worker
            # thread, whose connections no request cycle would close.
            with connections[database].temporary_connection():
                DBTaskResult.objects.using(database).ready().exists()
        except Error as e:
            raise ServiceUnavailable("Task queue unreachable") from e

    def run_redis(self):
        # DJANGO_TASKS_BACKEND=django_tasks_rq.RQBackend: the queue is in Redis.
        import django_rq
        from redis.exceptions import RedisError

        try:
            django_rq.get_connection("default").ping()
        except RedisError as e:
            raise ServiceUnavailable("Task queue unreachable") from e


class ProbeView(HealthCheckView):
    """Runs `named_checks` concurrently (each with django-health-check's timeout)
    and answers JSON whatever the request's Accept header."""

    named_checks: dict[str, HealthCheck] = {}

    async def get(self, request, *args, **kwargs):
        names = list(self.named_checks)
        try:
            with self.get_executor() as executor:
                results = await asyncio.gather(
                    *(self.named_checks[name].get_result(executor) for name in names)
                )
        except Exception:
            # get_result catches what a check raises; this is for anything else,
            # since a probe must answer 503, never a 500 page.
            logger.exception("Health probe failed")
            return JsonResponse({"status": "unavailable", "checks": {}}, status=503)
        checks = {
            name: "unavailable" if result.error else "ok"
            for name, result in zip(names, results, strict=True)
        }
        healthy = all(value == "ok" for value in checks.values())
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", "checks": checks},
            status=200 if healthy else 503,
        )


class LiveView(ProbeView):
    named_checks = {}


class ReadyView(ProbeView):
    named_checks = {
        "database": Database(),
        "cache": Cache(),
        "storage": Storage(alias="default"),
        "private_storage": Storage(alias="private"),
        "tasks": TaskQueue(),
    }
