"""Resume the account batches whose worker died (run it from cron, every minute).

    manage.py resume_account_batches [--stale-seconds N]

A running batch whose heartbeat has not moved for N seconds (default
settings.PORTAL_ACCOUNT_BATCH_STALE_SECONDS, DJANGO_ACCOUNT_BATCH_STALE_SECONDS in
the environment, 300) lost its worker: the task queue's database backend leaves
a killed task RUNNING for ever. Its open items are enqueued again as chunk tasks:
people still without an account get one, accounts whose e-mail may not have left
get fresh credentials by e-mail. Never a second account; running it on several
nodes at once enqueues each batch once.
"""

from django.core.management.base import BaseCommand

from access.services.batches import account_batch_resume, account_batches_stale
from access.tasks import account_batch_chunks_enqueue


class Command(BaseCommand):
    help = "Enqueue again the rest of the account batches whose worker died."

    def add_arguments(self, parser):
        parser.add_argument("--stale-seconds", type=int, default=None)

    def handle(self, *args, stale_seconds=None, **options):
        for batch in account_batches_stale(seconds=stale_seconds):
            ranges = account_batch_resume(batch=batch, seconds=stale_seconds)
            if ranges:
                account_batch_chunks_enqueue(batch, ranges, resend=True)
                self.stdout.write(
                    f"batch {batch.pk}: {len(ranges)} chunk task(s) enqueued again"
                )
