"""manage.py seal_demo: a self-signed seal (PKCS#12) and its root (PEM) at the paths
of DJANGO_SEAL_PKCS12 and DJANGO_SEAL_ROOT, when there is none yet. For the demo and
development only; production agencies configure a real seal certificate."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from billing.seal_keys import seal_create


class Command(BaseCommand):
    help = "Create a self-signed demo seal if none is configured on disk."

    def handle(self, *args, **options):
        pkcs12_path = Path(settings.PORTAL_SEAL_PKCS12.format(agency="demo"))
        root_path = Path(settings.PORTAL_SEAL_ROOT.format(agency="demo"))
        if pkcs12_path.exists():
            self.stdout.write(f"Seal already at {pkcs12_path}.")
            return
        seal_create(
            pkcs12_path=pkcs12_path,
            root_path=root_path,
            name="Portail démo",
            password=settings.PORTAL_SEAL_PASSWORD,
        )
        self.stdout.write(f"Demo seal written to {pkcs12_path} and {root_path}.")
