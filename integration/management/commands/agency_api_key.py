"""Agency API keys for operators' scripts: `create` prints the key alone on its last
line (the only time it is shown); `revoke` stops it at once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from access.models import Agency
from integration.keys import api_key_create, api_key_revoke
from integration.models import AgencyApiKey
from integration.scopes import SCOPES


class Command(BaseCommand):
    help = "Create or revoke an agency API key."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a key; prints it last.")
        revoke = actions.add_parser("revoke", help="Revoke the agency's key NAME.")
        for sub in (create, revoke):
            sub.add_argument("--agency", required=True, help="The agency's slug.")
            sub.add_argument("--name", required=True)
        create.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            choices=SCOPES,
            help="Repeat for several; every scope when none is given.",
        )

    def handle(self, *args, action, agency, name, **options):
        found = Agency.objects.filter(slug=agency).first()
        if found is None:
            raise CommandError(f"No agency {agency!r}.")
        if action == "create":
            try:
                key, secret = api_key_create(
                    agency=found, name=name, scopes=options["scopes"]
                )
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(
                f"Key {key.name!r} of {found.slug}, scopes: {' '.join(key.scopes)}"
            )
            self.stdout.write(secret)
            return
        key = AgencyApiKey.objects.filter(
            agency=found, name=name, revoked=False
        ).first()
        if key is None:
            raise CommandError(f"No active key {name!r} for {agency!r}.")
        api_key_revoke(key=key)
        self.stdout.write(f"Key {name!r} of {found.slug} revoked.")
