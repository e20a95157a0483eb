"""Batch generation of portal accounts: one result per person, re-runnable.

Accounts are created a chunk at a time (one transaction, a handful of queries),
passwords are hashed on every core, and e-mails leave over a few SMTP connections
in parallel. Each row still gets its own result; should a chunk hit a race with
another writer, that chunk is redone person by person.
"""

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
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
SMTP_CONNECTIONS = 4
Result = AccountBatchItem.Result
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


def _create_chunk(items, *, batch, portal, pool) -> list[tuple]:
    """Create the accounts of a chunk in one transaction; (item, account, secret)
    for each account created, every other item gets its result. Each account is
    built and validated by portal_account_build, as a single one would be; only the
    queries (availability, inserts, group memberships) and the hashing are done for
    the whole chunk at once."""
    kind = batch.kind
    with transaction.atomic():
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
                created.append((item, account, plain))
        User.objects.bulk_create([account for _item, account, _plain in created])
        person_groups_join(accounts=[account for _item, account, _plain in created])
        # Every way of opening an account tells the outbox, as portal_account_generate
        # does: in the chunk's transaction, so that a redone chunk leaves none.
        for _item, account, _plain in created:
            _emit(account, "account.created")
    return [
        (item, account, plain or INVITATION_LINK.new_url(account))
        for item, account, plain in created
    ]


def _send_slice(messages_and_items) -> None:
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:
        logger.warning("SMTP connection failed: %s", error)
    for message, item in messages_and_items:
        message.connection = connection
        try:
            message.send()
            item.result = Result.CREATED
        except Exception as error:  # noqa: BLE001 — any transport failure is reported
            item.result = Result.EMAIL_FAILED
            item.message = (
                _("E-mail refusé par le serveur : %(error)s") % {"error": error}
            )[:500]
    connection.close()


def _send_all(pairs, pool) -> None:
    slices = [pairs[i::SMTP_CONNECTIONS] for i in range(SMTP_CONNECTIONS)]
    list(pool.map(_send_slice, [s for s in slices if s]))


def _run_item_alone(item, *, batch) -> None:
    """The slow, always-correct path: one person, one transaction."""
    person = item.person
    item.identifier = person.email
    with transaction.atomic():
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        if _skip(item, portal_account_skip_reason(person)):
            return
        try:
            credentials = portal_account_generate(
                person=person,
                mode=batch.delivery,
                send_email=True,
                sender=batch.sender,
                via=User.CreatedVia.BATCH,
            )
        except ValidationError as error:
            _fail(item, " ".join(error.messages))
            return
    item.result = Result.CREATED if credentials.email_sent else Result.EMAIL_FAILED
    item.message = str(credentials.email_error)[:500]


def account_batch_run(*, batch: AccountBatch) -> AccountBatch:
    """Handle every pending person of the batch, recording progress as it goes."""
    AccountBatch.objects.filter(pk=batch.pk).update(status=AccountBatch.Status.RUNNING)
    kind = batch.kind
    portal = Portal.objects.select_related("agency").get(agency=batch.agency, kind=kind)
    mailer = CredentialsMailer(
        portal=portal, sender=batch.sender, with_password=batch.delivery == PASSWORD
    )
    pending = (
        batch.items.filter(result=Result.PENDING)
        .select_related(kind)
        .annotate(
            has_account=Exists(User.objects.filter(**{kind: OuterRef(f"{kind}_id")}))
        )
    )
    workers = max(os.cpu_count() or 1, SMTP_CONNECTIONS)
    size = chunk_size(batch.total)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for chunk in _chunks(pending.iterator(chunk_size=CHUNK), size):
            for item in chunk:
                item.identifier = item.person.email
                _skip(
                    item,
                    portal_account_skip_reason(
                        item.person, has_account=item.has_account
                    ),
                )
            todo = [item for item in chunk if item.result == Result.PENDING]
            try:
                created = _create_chunk(todo, batch=batch, portal=portal, pool=pool)
            except IntegrityError:
                for item in todo:
                    _run_item_alone(item, batch=batch)
            else:
                _send_all(
                    [
                        (mailer.message(account=account, secret=secret), item)
                        for item, account, secret in created
                    ],
                    pool,
                )
            AccountBatchItem.objects.bulk_update(
                chunk, ["result", "identifier", "message"]
            )
            batch.processed += len(chunk)
            AccountBatch.objects.filter(pk=batch.pk).update(processed=batch.processed)
    batch.status = AccountBatch.Status.DONE
    batch.save(update_fields=["status", "processed"])
    return batch
