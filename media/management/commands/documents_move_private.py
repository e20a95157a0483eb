"""manage.py documents_move_private

Moves documents' files left in the public media storage (MEDIA_ROOT, or the S3
bucket's root) to the private storage, under the same names. Migration
media.0004 does it once; run this after restoring an old backup of the media
folder, or to check that nothing is left (it moves only what it finds)."""

from django.core.management.base import BaseCommand

from media.models import PortalDocument
from media.storage import move_to_private


class Command(BaseCommand):
    help = "Move documents' files from the public media storage to the private one."

    def handle(self, *args, **options):
        names = PortalDocument.objects.values_list("file", flat=True).iterator()
        moved = move_to_private(names)
        self.stdout.write(f"{moved} file(s) moved to the private storage.")
