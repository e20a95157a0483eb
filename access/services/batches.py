"""Batch generation of portal accounts: one result per person, re-runnable, and the
password hashing spread over the machine's cores."""

import os
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ..models import AccountBatch, AccountBatchItem, Agency, SenderAddress, User
from ..selectors import people_model
from .accounts import PASSWORD, password_generate, portal_account_generate

CHUNK = 200
Result = AccountBatchItem.Result


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


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _hashed_passwords(count: int, pool: ThreadPoolExecutor) -> list[tuple[str, str]]:
    # hashlib releases the GIL while hashing, so threads use every core.
    plains = [password_generate() for _ in range(count)]
    return list(zip(plains, pool.map(make_password, plains), strict=True))


def _run_item(item, *, batch, prepared, connection) -> None:
    person = item.person
    item.identifier = person.email
    if not person.email:
        item.result = Result.SKIPPED_NO_EMAIL
        return
    # Lock the person so that two batches never give them two accounts.
    model = type(person)
    with transaction.atomic():
        model.objects.select_for_update().filter(pk=person.pk).first()
        if person.accounts.exists():
            item.result = Result.SKIPPED_HAS_ACCOUNT
            return
        try:
            credentials = portal_account_generate(
                person=person,
                mode=batch.delivery,
                send_email=True,
                sender=batch.sender,
                connection=connection,
                prepared=prepared,
            )
        except ValidationError as error:
            item.result = Result.FAILED
            item.message = " ".join(error.messages)[:500]
            return
    if credentials.email_sent:
        item.result = Result.CREATED
    else:
        item.result = Result.EMAIL_FAILED
        item.message = str(credentials.email_error)[:500]


def account_batch_run(*, batch: AccountBatch) -> AccountBatch:
    """Handle every pending person of the batch, recording progress as it goes."""
    AccountBatch.objects.filter(pk=batch.pk).update(status=AccountBatch.Status.RUNNING)
    kind = batch.kind
    pending = (
        batch.items.filter(result=Result.PENDING)
        .select_related(kind)
        .annotate(
            has_account=Exists(User.objects.filter(**{kind: OuterRef(f"{kind}_id")}))
        )
    )
    workers = os.cpu_count() or 1
    smtp = get_connection()
    try:
        smtp.open()
    except OSError:
        pass  # each message then tries on its own and its failure is reported per row
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for chunk in _chunks(pending.iterator(chunk_size=CHUNK), CHUNK):
            to_create = [i for i in chunk if i.person.email and not i.has_account]
            prepared = iter(
                _hashed_passwords(len(to_create), pool)
                if batch.delivery == PASSWORD
                else []
            )
            for item in chunk:
                if item.has_account:
                    item.identifier = item.person.email
                    item.result = Result.SKIPPED_HAS_ACCOUNT
                    continue
                needs_hash = item in to_create and batch.delivery == PASSWORD
                _run_item(
                    item,
                    batch=batch,
                    prepared=next(prepared) if needs_hash else None,
                    connection=smtp,
                )
            AccountBatchItem.objects.bulk_update(
                chunk, ["result", "identifier", "message"]
            )
            batch.processed += len(chunk)
            AccountBatch.objects.filter(pk=batch.pk).update(processed=batch.processed)
    smtp.close()
    batch.status = AccountBatch.Status.DONE
    batch.save(update_fields=["status", "processed"])
    return batch
