"""Generate, regenerate or delete portal accounts from the command line.

    manage.py portal_accounts generate   --portal KEY (--all | --person ID ...)
                                         [--mode password|invitation] [--send-email]
                                         [--sender ADDRESS]
    manage.py portal_accounts regenerate --portal KEY --identifier ID [--mode ...]
                                         [--send-email] [--sender ADDRESS]
    manage.py portal_accounts delete     --portal KEY --identifier ID

One line per person, then a summary. Passwords are printed only when they are not
e-mailed, since nobody else will ever see them. E-mailed credentials go out as a
batch (access.services.batches), as from the admin.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from access.models import (
    AccountBatchItem,
    Portal,
    SenderAddress,
    User,
    fold_identifier,
)
from access.selectors import people_model
from access.services import (
    INVITATION,
    PASSWORD,
    account_batch_create,
    account_batch_run,
    portal_account_delete,
    portal_account_generate,
    portal_account_regenerate,
)
from access.services.accounts import Skip, portal_account_skip_reason

SKIPPED = {
    Skip.HAS_ACCOUNT: "skipped (already has an account)",
    Skip.NO_EMAIL: "skipped (no e-mail)",
}
Result = AccountBatchItem.Result
BATCH_SKIPPED = {
    Result.SKIPPED_HAS_ACCOUNT: SKIPPED[Skip.HAS_ACCOUNT],
    Result.SKIPPED_NO_EMAIL: SKIPPED[Skip.NO_EMAIL],
}


class Command(BaseCommand):
    help = "Generate, regenerate or delete portal accounts."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        generate = actions.add_parser("generate", help="open accounts")
        regenerate = actions.add_parser("regenerate", help="new credentials")
        delete = actions.add_parser("delete", help="close an account")
        for sub in (generate, regenerate, delete):
            sub.add_argument("--portal", required=True, help="portal key")
        who = generate.add_mutually_exclusive_group(required=True)
        who.add_argument("--all", action="store_true", help="everyone without account")
        who.add_argument("--person", type=int, nargs="+", metavar="ID")
        for sub in (regenerate, delete):
            sub.add_argument("--identifier", required=True)
        for sub in (generate, regenerate):
            sub.add_argument("--mode", choices=[PASSWORD, INVITATION], default=None)
            sub.add_argument("--send-email", action="store_true")
            sub.add_argument("--sender", help="one of the agency's sender addresses")

    def handle(self, *args, action, portal, **options):
        self.portal = Portal.objects.select_related("agency").filter(key=portal).first()
        if self.portal is None:
            raise CommandError(f"Unknown portal: {portal}")
        if action != "delete" and not self.portal.is_enabled:
            raise CommandError(f"The module of portal {portal} is off for its agency.")
        self.counts = Counter()
        if action == "generate":
            self.generate(**options)
        else:
            account = User.objects.filter(
                portal=self.portal,
                identifier_key=fold_identifier(options["identifier"]),
            ).first()
            if account is None:
                raise CommandError(f"No account {options['identifier']} on {portal}")
            if action == "delete":
                portal_account_delete(account=account)
                self.report(account.username, "deleted")
            else:
                self.regenerate(account, **options)
        summary = ", ".join(
            f"{n} {result}" for result, n in sorted(self.counts.items())
        )
        self.stdout.write(f"Done: {summary or 'nothing to do'}.")
        if self.counts["failed"]:
            raise SystemExit(1)  # some person was not handled; each line says why

    def sender(self, options):
        if not options.get("sender"):
            if (
                options.get("send_email")
                and not self.portal.agency.sender_addresses.exists()
            ):
                raise CommandError("The agency has no sender address.")
            return self.portal.agency.sender_addresses.first()
        sender = SenderAddress.objects.filter(
            agency=self.portal.agency, email__iexact=options["sender"]
        ).first()
        if sender is None:
            raise CommandError(f"{options['sender']} is not a sender of this agency")
        return sender

    def mode(self, options):
        return options.get("mode") or self.portal.agency.account_delivery

    def generate(self, *, all, person, send_email, **options):  # noqa: A002
        sender, mode = (
            self.sender({**options, "send_email": send_email}),
            self.mode(options),
        )
        people = people_model(self.portal.kind).objects.for_agency(self.portal.agency)
        if not all:
            people = people.filter(pk__in=person)
            missing = set(person) - set(people.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"Not people of this portal: {sorted(missing)}")
        if send_email:
            self.generate_by_batch(people, mode, sender)
            return
        # Printed credentials stay on the one-by-one path: a batch never keeps the
        # passwords or links it sends, and here nothing is sent.
        for one in people.order_by("pk").prefetch_related("accounts"):
            label = f"{one.pk} {one}"
            reason = portal_account_skip_reason(
                one, has_account=bool(one.accounts.all())
            )
            if reason is not None:
                self.report(label, SKIPPED[reason])
            else:
                self.deliver(
                    label,
                    portal_account_generate,
                    person=one,
                    mode=mode,
                    send_email=send_email,
                    sender=sender,
                )

    def generate_by_batch(self, people, mode, sender):
        """E-mailed credentials go out as the admin's batches do (same chunks,
        hashing and SMTP connections, recorded as a batch staff can see), then
        each person's row is printed."""
        kind = self.portal.kind
        ids = list(people.values_list("pk", flat=True))
        if not ids:
            return
        batch = account_batch_create(
            agency=self.portal.agency,
            kind=kind,
            person_ids=ids,
            delivery=mode,
            sender=sender,
        )
        account_batch_run(batch=batch)
        for item in batch.items.select_related(kind).order_by(f"{kind}_id"):
            label = f"{item.person.pk} {item.person}"
            if item.result == Result.CREATED:
                self.report(label, "created", f"{item.identifier}, e-mailed")
            elif item.result == Result.EMAIL_FAILED:
                self.report(
                    label, "failed", f"{item.identifier} created, e-mail refused"
                )
            elif item.result == Result.FAILED:
                self.report(label, "failed", item.message)
            else:
                self.report(label, BATCH_SKIPPED[item.result])

    def regenerate(self, account, *, send_email, **options):
        sender, mode = (
            self.sender({**options, "send_email": send_email}),
            self.mode(options),
        )
        self.deliver(
            account.username,
            portal_account_regenerate,
            "regenerated",
            account=account,
            mode=mode,
            send_email=send_email,
            sender=sender,
        )

    def deliver(self, label, service, done="created", *, send_email, **arguments):
        """One account's credentials from `service` (generate or regenerate),
        reported on its row."""
        try:
            credentials = service(
                send_email=send_email, via=self.via(send_email), **arguments
            )
        except ValidationError as error:
            self.report(label, "failed", " ".join(error.messages))
        else:
            self.report_credentials(label, credentials, send_email, done)

    @staticmethod
    def via(send_email):
        # Credentials not e-mailed are printed here, for the operator to hand over.
        return None if send_email else User.CreatedVia.COMMAND

    def report_credentials(self, label, credentials, send_email, done="created"):
        identifier = credentials.account.username
        if send_email and not credentials.email_sent:
            self.report(label, "failed", f"{identifier} {done}, e-mail refused")
        elif send_email:
            self.report(label, done, f"{identifier}, e-mailed")
        elif credentials.password:
            self.report(label, done, f"{identifier} password {credentials.password}")
        else:
            self.report(label, done, f"{identifier} {credentials.invitation_link}")

    def report(self, label, result, detail=""):
        self.counts[result.split(" ")[0]] += 1
        self.stdout.write(f"{label}: {result}" + (f" — {detail}" if detail else ""))
