"""Queue the webhook attempts that are due but were never queued or got lost: a task
backend without delayed tasks, a worker stopped with its queue. Run it from cron
every few minutes; an attempt already queued is not sent twice."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from integration.webhook_delivery import deliveries_due_enqueue
from integration.webhook_schedule import OVERDUE


class Command(BaseCommand):
    help = "Queue the webhook deliveries whose attempt is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overdue",
            type=int,
            default=int(OVERDUE.total_seconds()),
            help="Seconds past due before an attempt counts as lost "
            "(default: %(default)s).",
        )

    def handle(self, *args, overdue, **options):
        count = deliveries_due_enqueue(overdue=timedelta(seconds=overdue))
        self.stdout.write(f"{count} webhook deliveries queued.")
