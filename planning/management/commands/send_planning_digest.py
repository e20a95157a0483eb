"""Send the daily digest of portal changes to the staff who asked for it."""

from django.core.management.base import BaseCommand

from planning.digest import digest_send


class Command(BaseCommand):
    help = "E-mail yesterday's portal changes to the staff who subscribed."

    def handle(self, *args, **options):
        self.stdout.write(f"{digest_send()} digest(s) sent.")
