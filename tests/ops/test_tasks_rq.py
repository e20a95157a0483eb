"""Background work on Redis (DJANGO_TASKS_BACKEND=django_tasks_rq.RQBackend): a task
enqueued by one process is run by an RQ worker, deferred ones by its scheduler, with
the machine's Redis."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import django_rq
import pytest
from django.test import override_settings
from django.utils import timezone
from rq import SimpleWorker
from rq.registry import ScheduledJobRegistry

from .rq_tasks import add

pytestmark = pytest.mark.usefixtures("redis_queue")

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}


@pytest.fixture
def redis_queue():
    queue = django_rq.get_queue("default")
    queue.empty()
    with override_settings(TASKS=RQ_TASKS):
        yield queue
    queue.empty()
    scheduled = ScheduledJobRegistry(queue=queue)
    for job_id in scheduled.get_job_ids():
        scheduled.remove(job_id, delete_job=True)


def run_worker(queue):
    # In this process (no fork) and until the queue is empty.
    worker = django_rq.get_worker("default", worker_class=SimpleWorker)
    worker.work(burst=True)


def test_a_task_enqueued_on_redis_is_run_by_a_worker(redis_queue):
    result = add.enqueue(2, 3)
    assert redis_queue.count == 1
    run_worker(redis_queue)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 5


def test_a_deferred_task_waits_for_its_time_in_the_scheduler(redis_queue):
    result = add.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(1, 1)
    assert redis_queue.count == 0
    assert result.id in ScheduledJobRegistry(queue=redis_queue).get_job_ids()


def test_the_worker_command_runs_what_the_server_enqueued(redis_queue, tmp_path):
    """As operators run it: `manage.py rqworker`, configured by the environment alone
    (its system checks pass: django_rq installed, the queue known)."""
    result = add.enqueue(20, 22)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DJANGO_TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    root = Path(__file__).resolve().parents[2]
    manage = [sys.executable, str(root / "manage.py")]
    for command in (["check"], ["rqworker", "--burst", "default"]):
        done = subprocess.run(
            manage + command, env=env, cwd=root, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    result.refresh()
    assert result.return_value == 42
