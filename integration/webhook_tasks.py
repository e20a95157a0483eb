"""Background work of outgoing webhooks, run by the task worker (`manage.py
db_worker`): one task per attempt, queued on commit, retries queued for later."""

from datetime import datetime

from django.db import transaction
from django_tasks import task


@task()
def deliver_webhook(delivery_id: int) -> None:
    # Only the id travels through the queue: the secret and the payload stay in
    # the database.
    from .webhook_delivery import delivery_attempt

    delivery_attempt(delivery_id=delivery_id)


def delivery_enqueue(delivery_id: int, *, at: datetime | None = None) -> bool:
    """Queue an attempt, at `at` when given; False when the backend cannot wait
    (the immediate backend of the tests): `manage.py send_webhooks` queues the
    attempt once it is due."""
    runner = deliver_webhook
    if at is not None:
        if not runner.get_backend().supports_defer:
            return False
        runner = runner.using(run_after=at)
    runner.enqueue(delivery_id)
    return True


def delivery_enqueue_on_commit(delivery_id: int, *, at: datetime | None = None):
    # robust: the change is committed already; a queue that fails now must not
    # turn its answer into an error. The delivery waits in the database, and
    # `manage.py send_webhooks` queues it once overdue.
    transaction.on_commit(lambda: delivery_enqueue(delivery_id, at=at), robust=True)
