"""Background work of the access app, run by the task worker (`manage.py db_worker`)."""

from django.db import transaction
from django_tasks import task

from .models import AccountBatch
from .services.batches import account_batch_run_chunk, account_batch_start
from .services.password_reset import password_reset_send


@task()
def run_account_batch(batch_id: int) -> None:
    # Only ids travel through the queue: no password is ever in task arguments.
    batch = AccountBatch.objects.get(pk=batch_id)
    account_batch_chunks_enqueue(batch, account_batch_start(batch=batch))


@task()
def run_account_batch_chunk(
    batch_id: int, first_item_id: int, last_item_id: int, resend: bool = False
) -> None:
    """One range of a batch's items: every worker takes chunks, so that a batch is
    shared and a dead worker loses one chunk, resumed from its heartbeat."""
    account_batch_run_chunk(
        batch=AccountBatch.objects.get(pk=batch_id),
        first_item_id=first_item_id,
        last_item_id=last_item_id,
        resend=resend,
    )


def account_batch_enqueue(batch: AccountBatch) -> None:
    transaction.on_commit(lambda: run_account_batch.enqueue(batch.pk))


def account_batch_chunks_enqueue(
    batch: AccountBatch, ranges, *, resend: bool = False
) -> None:
    for first, last in ranges:
        run_account_batch_chunk.enqueue(batch.pk, first, last, resend=resend)


@task()
def send_password_reset(portal_id: int, identifier: str) -> None:
    password_reset_send(portal_id=portal_id, identifier=identifier)
