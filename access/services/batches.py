"""Batch generation of portal accounts: one result per person, re-runnable.

Accounts are created a chunk at a time (one transaction, a handful of queries),
passwords are hashed on every core, and e-mails leave over a few SMTP connections
in parallel. Each row still gets its own result; should a chunk hit a race with
another writer, that chunk is redone person by person.

The task workers share a batch: its task enqueues one task per range of items
(access.tasks), each chunk's progress moves the batch's heartbeat, and the chunk
that leaves no item open marks the batch done. An item's account and its
EMAIL_PENDING state commit together, its final result once its e-mail left: a
worker killed anywhere leaves the batch resumable (`manage.py
resume_account_batches`, from cron) without a second account and without a
lost e-mail.
"""

import logging
import os
import queue
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ..emails import CredentialsMailer
from ..links import INVITATION_LINK
from ..models import (
    AccountBatch,
    AccountBatchItem,
    Agency,
    Portal,
    SenderAddress,
    User,
    fold_identifier,
)
from ..selectors import people_model
from .accounts import (
    PASSWORD,
    Skip,
    _emit,  # the one sender of account events, private to access.services
    module_must_be_on,
    password_generate,
    portal_account_build,
    portal_account_generate,
    portal_account_skip_reason,
)
from .groups import person_groups_join

logger = logging.getLogger(__name__)
CHUNK = 500
PROGRESS_STEPS = 20
TASK_MIN = 50
SMTP_CONNECTIONS = 4
Result = AccountBatchItem.Result
# Items a run still has to finish: no account yet, or an account whose e-mail has
# not been recorded as sent.
OPEN = (Result.PENDING, Result.EMAIL_PENDING)
SKIPPED = {
    Skip.HAS_ACCOUNT: Result.SKIPPED_HAS_ACCOUNT,
    Skip.NO_EMAIL: Result.SKIPPED_NO_EMAIL,
}


@transaction.atomic
def account_batch_create(
    *,
    agency: Agency,
    kind: str,
    person_ids: list[int],
    delivery: str,
    sender: SenderAddress | None,
    created_by: User | None = None,
) -> AccountBatch:
    """Record a batch for the agency's people among `person_ids`; the task runs it."""
    module_must_be_on(agency, kind)
    if sender is not None and sender.agency_id != agency.pk:
        raise ValidationError({"sender": _("Adresse d'expédition inconnue.")})
    people = people_model(kind).objects.for_agency(agency).filter(pk__in=person_ids)
    ids = list(people.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("Sélectionnez au moins une personne."))
    batch = AccountBatch.objects.create(
        agency=agency,
        kind=kind,
        delivery=delivery,
        sender=sender,
        created_by=created_by,
        total=len(ids),
    )
    AccountBatchItem.objects.bulk_create(
        AccountBatchItem(batch=batch, **{f"{kind}_id": pk}) for pk in ids
    )
    return batch


def chunk_size(total: int) -> int:
    """Progress is recorded after each chunk: a small batch goes a few people at a
    time so that its counter moves, a large one 500 at a time for speed."""
    return max(1, min(CHUNK, -(-total // PROGRESS_STEPS)))


def task_size(total: int) -> int:
    """People per chunk task: the workers share a batch a task at a time, and a
    small batch stays one task (a task costs a queue round trip)."""
    return max(chunk_size(total), TASK_MIN)


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _fail(item, message) -> None:
    item.result = Result.FAILED
    item.message = str(message)[:500]


def _skip(item, reason) -> bool:
    if reason is not None:
        item.result = SKIPPED[reason]
    return reason is not None


def _beat(batch_pk: int, processed: int = 0) -> None:
    """Progress and heartbeat in one statement, in the caller's transaction: the
    counter moves with the results it counts (a crash loses neither or both)."""
    changes = {"processed": F("processed") + processed} if processed else {}
    AccountBatch.objects.filter(pk=batch_pk).update(
        **changes, heartbeat_at=timezone.now()
    )


def _finish(batch_pk: int) -> bool:
    """The batch is done once no item is left open; one statement, so that of two
    chunks finishing together exactly one marks it (True for that one)."""
    still_open = AccountBatchItem.objects.filter(batch=OuterRef("pk"), result__in=OPEN)
    return bool(
        AccountBatch.objects.filter(pk=batch_pk)
        .exclude(status=AccountBatch.Status.DONE)
        .filter(~Exists(still_open))
        .update(
            status=AccountBatch.Status.DONE,
            heartbeat_at=timezone.now(),
            # Exact whatever a killed worker had not counted yet.
            processed=Subquery(
                AccountBatchItem.objects.filter(batch=OuterRef("pk"))
                .values("batch")
                .annotate(n=Count("pk"))
                .values("n")
            ),
        )
    )


def _locked(batch, ids, result):
    """The batch's items among `ids` still in `result`, locked: a chunk run twice
    (a resumed batch whose first run was only slow) handles each item once."""
    return list(
        batch.items.select_for_update(of=("self",))
        .filter(pk__in=ids, result=result)
        .select_related(batch.kind)
        .order_by("pk")
    )


def _create_chunk(items, *, batch, portal, pool) -> list[tuple]:
    """Create the accounts of a chunk (locked items, in the caller's transaction);
    (item, account, plain) for each account created, its item left EMAIL_PENDING;
    every other item gets its final result. Each account is built and validated
    by portal_account_build, as a single one would be; only the queries
    (availability, inserts, group memberships) and the hashing are done for the
    whole chunk at once."""
    kind = batch.kind
    people_ids = [item.person.pk for item in items]
    # Locked, so that two batches never give the same person two accounts.
    list(people_model(kind).objects.select_for_update().filter(pk__in=people_ids))
    with_account = set(
        User.objects.filter(**{f"{kind}_id__in": people_ids}).values_list(
            f"{kind}_id", flat=True
        )
    )
    candidates = []
    for item in items:
        item.identifier = item.person.email.strip()
        has_account = item.person.pk in with_account
        if not _skip(
            item, portal_account_skip_reason(item.person, has_account=has_account)
        ):
            candidates.append(item)
    wanted = {fold_identifier(item.identifier) for item in candidates}
    taken = set(
        User.objects.filter(identifier_key__in=wanted).values_list(
            "identifier_key", flat=True
        )
    )
    todo = []
    for item in candidates:
        key = fold_identifier(item.identifier)
        if key in taken:
            _fail(item, _("Identifiant indisponible"))
        else:
            taken.add(key)  # a twin later in the chunk must not have it too
            todo.append(item)
    if batch.delivery == PASSWORD:
        # hashlib releases the GIL while hashing, so threads use every core.
        plains = [password_generate() for _ in todo]
        prepared = list(zip(plains, pool.map(make_password, plains), strict=True))
    else:
        prepared = [None] * len(todo)
    created = []
    for item, ready in zip(todo, prepared, strict=True):
        try:
            account, plain = portal_account_build(
                person=item.person,
                identifier=item.identifier,
                portal=portal,
                mode=batch.delivery,
                prepared=ready,
                via=User.CreatedVia.BATCH,
                bulk=True,  # the `taken` query and the locked read above
            )
        except ValidationError as error:
            _fail(item, " ".join(error.messages))
        else:
            item.result = Result.EMAIL_PENDING
            created.append((item, account, plain))
    User.objects.bulk_create([account for _item, account, _plain in created])
    person_groups_join(accounts=[account for _item, account, _plain in created])
    # Every way of opening an account tells the outbox, as portal_account_generate
    # does: in the chunk's transaction, so that a redone chunk leaves none.
    for _item, account, _plain in created:
        _emit(account, "account.created")
    return created


def _send_slice(messages_and_items, done) -> None:
    """One SMTP connection's share; each item goes to `done` once its message
    left or was refused, then None when the share is over."""
    connection = get_connection()
    try:
        try:
            connection.open()
        except OSError as error:
            logger.warning("SMTP connection failed: %s", error)
        for message, item in messages_and_items:
            message.connection = connection
            try:
                message.send()
                item.result = Result.CREATED
            except Exception as error:  # noqa: BLE001 — any transport failure
                item.result = Result.EMAIL_FAILED
                item.message = (
                    _("E-mail refusé par le serveur : %(error)s") % {"error": error}
                )[:500]
            done.put(item)
        connection.close()
    finally:
        done.put(None)


def _send_all(pairs, pool, on_sent=None) -> None:
    """Send over a few connections at once; `on_sent(item)` runs in the calling
    thread (its database connection) as each message is done, so that a worker
    killed mid-chunk resends only the e-mails it had not recorded yet."""
    done = queue.SimpleQueue()
    slices = [pairs[i::SMTP_CONNECTIONS] for i in range(SMTP_CONNECTIONS)]
    futures = [pool.submit(_send_slice, part, done) for part in slices if part]
    remaining = len(futures)
    while remaining:
        item = done.get()
        if item is None:
            remaining -= 1
        elif on_sent is not None:
            on_sent(item)
    for future in futures:
        future.result()


def _record_sent(item) -> None:
    # One row, at once: the window for a second e-mail is this statement's.
    AccountBatchItem.objects.filter(pk=item.pk, result=Result.EMAIL_PENDING).update(
        result=item.result, message=item.message
    )


def _run_item_alone(item, *, batch) -> tuple | None:
    """The slow, always-correct path: one person, one transaction, the item's
    state saved with the account; (item, account, secret) when one was opened."""
    item.result, item.message = Result.PENDING, ""
    with transaction.atomic():
        if not _locked(batch, [item.pk], Result.PENDING):
            return None  # another run of this chunk has handled it
        person = item.person
        item.identifier = person.email
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        credentials = None
        if not _skip(item, portal_account_skip_reason(person)):
            try:
                credentials = portal_account_generate(
                    person=person,
                    mode=batch.delivery,
                    sender=batch.sender,
                    via=User.CreatedVia.BATCH,
                )
            except ValidationError as error:
                _fail(item, " ".join(error.messages))
            else:
                item.result = Result.EMAIL_PENDING
        item.save(update_fields=["result", "identifier", "message"])
        _beat(batch.pk, 0 if credentials else 1)
    if credentials is None:
        return None
    secret = credentials.password or credentials.invitation_link
    return item, credentials.account, secret


class _Runner:
    """What the chunks of one process share: the portal, the e-mail template, the
    threads hashing passwords and holding the SMTP connections."""

    def __init__(self, batch: AccountBatch):
        self.batch = batch
        self.portal = Portal.objects.select_related("agency").get(
            agency=batch.agency, kind=batch.kind
        )
        self.mailer = CredentialsMailer(
            portal=self.portal,
            sender=batch.sender,
            with_password=batch.delivery == PASSWORD,
        )
        self.pool = ThreadPoolExecutor(
            max_workers=max(os.cpu_count() or 1, SMTP_CONNECTIONS)
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.pool.shutdown()

    def _ids(self, first: int, last: int, result: str) -> list[int]:
        return list(
            self.batch.items.filter(pk__gte=first, pk__lte=last, result=result)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def run(self, first: int, last: int, *, resend: bool) -> None:
        if resend:
            self._resend(self._ids(first, last, Result.EMAIL_PENDING))
        for ids in _chunks(self._ids(first, last, Result.PENDING), self.size):
            self._create(ids)

    @property
    def size(self) -> int:
        return chunk_size(self.batch.total)

    def _create(self, ids) -> None:
        batch = self.batch
        try:
            with transaction.atomic():
                chunk = _locked(batch, ids, Result.PENDING)
                created = _create_chunk(
                    chunk, batch=batch, portal=self.portal, pool=self.pool
                )
                # The accounts and their items' EMAIL_PENDING commit together: a
                # crash before the e-mails leave is resumed by sending them.
                AccountBatchItem.objects.bulk_update(
                    chunk, ["result", "identifier", "message"]
                )
                _beat(batch.pk, len(chunk) - len(created))
        except IntegrityError:
            # A race with another writer: this chunk again, person by person.
            chunk = list(batch.items.filter(pk__in=ids).select_related(batch.kind))
            created = [
                done
                for item in chunk
                if (done := _run_item_alone(item, batch=batch)) is not None
            ]
        else:
            created = [
                (item, account, plain or INVITATION_LINK.new_url(account))
                for item, account, plain in created
            ]
        self._send(created)

    def _resend(self, ids) -> None:
        """Items whose account was committed but whose e-mail may not have left
        (the worker died): fresh credentials, as the first e-mail's are unknown
        (a password is only ever kept hashed), then the e-mail."""
        batch, kind = self.batch, self.batch.kind
        for part in _chunks(ids, self.size):
            with transaction.atomic():
                items = _locked(batch, part, Result.EMAIL_PENDING)
                accounts = {
                    getattr(account, f"{kind}_id"): account
                    for account in User.objects.select_for_update(of=("self",))
                    .filter(**{f"{kind}_id__in": [item.person.pk for item in items]})
                    .select_related("portal")
                }
                lost = [item for item in items if item.person.pk not in accounts]
                for item in lost:  # deleted by staff meanwhile: nothing to send
                    _fail(item, _("Accès supprimé avant l'envoi de l'e-mail."))
                AccountBatchItem.objects.bulk_update(lost, ["result", "message"])
                pending = [
                    (item, accounts[item.person.pk])
                    for item in items
                    if item.person.pk in accounts
                ]
                plains = [None] * len(pending)
                if batch.delivery == PASSWORD:
                    plains = [password_generate() for _ in pending]
                    hashes = list(self.pool.map(make_password, plains))
                    for (_item, account), hashed in zip(pending, hashes, strict=True):
                        account.password = hashed
                    User.objects.bulk_update(
                        [account for _item, account in pending], ["password"]
                    )
                _beat(batch.pk, len(lost))
            self._send(
                [
                    (item, account, plain or INVITATION_LINK.new_url(account))
                    for (item, account), plain in zip(pending, plains, strict=True)
                ]
            )

    def _send(self, created) -> None:
        if not created:
            return
        _send_all(
            [
                (self.mailer.message(account=account, secret=secret), item)
                for item, account, secret in created
            ],
            self.pool,
            _record_sent,
        )
        _beat(self.batch.pk, len(created))


def _ranges(ids: list[int], size: int) -> list[tuple[int, int]]:
    return [(chunk[0], chunk[-1]) for chunk in _chunks(ids, size)]


def account_batch_start(*, batch: AccountBatch) -> list[tuple[int, int]]:
    """Mark the batch running; the ranges of item ids, one per chunk task."""
    AccountBatch.objects.filter(pk=batch.pk).exclude(
        status=AccountBatch.Status.DONE
    ).update(status=AccountBatch.Status.RUNNING, heartbeat_at=timezone.now())
    ids = batch.items.filter(result=Result.PENDING).order_by("pk")
    ranges = _ranges(list(ids.values_list("pk", flat=True)), task_size(batch.total))
    if not ranges:
        _finish(batch.pk)
    return ranges


def account_batch_run_chunk(
    *, batch: AccountBatch, first_item_id: int, last_item_id: int, resend=False
) -> bool:
    """Handle the open items of the batch whose ids are in the range: the pending
    ones, and with `resend` those whose e-mail may not have left. True when this
    chunk finished the batch."""
    if batch.status == AccountBatch.Status.DONE:
        return False
    with _Runner(batch) as runner:
        runner.run(first_item_id, last_item_id, resend=resend)
    return _finish(batch.pk)


def account_batch_run(*, batch: AccountBatch) -> AccountBatch:
    """Handle every open person of the batch in this process, recording progress
    as it goes (the command line and the agency API, which wait for the end)."""
    account_batch_start(batch=batch)
    open_ids = batch.items.filter(result__in=OPEN).order_by("pk")
    ranges = _ranges(
        list(open_ids.values_list("pk", flat=True)), task_size(batch.total)
    )
    with _Runner(batch) as runner:
        for first, last in ranges:
            runner.run(first, last, resend=True)
    _finish(batch.pk)
    batch.refresh_from_db()
    return batch


def account_batches_stale(*, seconds: int | None = None):
    """Running (or never started) batches without a heartbeat for `seconds`
    (settings.PORTAL_ACCOUNT_BATCH_STALE_SECONDS): their worker died."""
    if seconds is None:
        seconds = settings.PORTAL_ACCOUNT_BATCH_STALE_SECONDS
    limit = timezone.now() - timedelta(seconds=seconds)
    return AccountBatch.objects.filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit),
        status__in=[AccountBatch.Status.PENDING, AccountBatch.Status.RUNNING],
    ).order_by("pk")


def account_batch_resume(
    *, batch: AccountBatch, seconds: int | None = None
) -> list[tuple[int, int]]:
    """Claim a stale batch (one statement: of two cron runs at once, one wins) and
    return the ranges of its open items, for chunk tasks that resend; [] when
    another run claimed it or nothing was left (then it is marked done)."""
    claimed = (
        account_batches_stale(seconds=seconds)
        .filter(pk=batch.pk)
        .update(status=AccountBatch.Status.RUNNING, heartbeat_at=timezone.now())
    )
    if not claimed:
        return []
    open_ids = batch.items.filter(result__in=OPEN).order_by("pk")
    ranges = _ranges(
        list(open_ids.values_list("pk", flat=True)), task_size(batch.total)
    )
    if not ranges:
        _finish(batch.pk)
    return ranges
