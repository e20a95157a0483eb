"""Background work of the access app, run by the task worker (`manage.py db_worker`)."""

from django.db import transaction
from django_tasks import task

from .models import AccountBatch
from .services.batches import account_batch_run
from .services.password_reset import password_reset_send


@task()
def run_account_batch(batch_id: int) -> None:
    # Only the id travels through the queue: no password is ever in task arguments.
    account_batch_run(batch=AccountBatch.objects.get(pk=batch_id))


def account_batch_enqueue(batch: AccountBatch) -> None:
    transaction.on_commit(lambda: run_account_batch.enqueue(batch.pk))


@task()
def send_password_reset(portal_id: int, identifier: str) -> None:
    password_reset_send(portal_id=portal_id, identifier=identifier)
