"""Many upserts in one request, each row through the same service as a single PUT:
one result per row; all or nothing when asked."""

from contextlib import nullcontext

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access.errors import ApplicationError

from .results import CREATED, ERROR, UNCHANGED, UPDATED

MAX_ROWS = 1000


def _INVALID():  # noqa: N802 — the one message of an invalid row, as the API's 400
    return _("Certaines données sont invalides.")


def _field_messages(error: ValidationError) -> dict:
    if not hasattr(error, "error_dict"):
        return {"non_field_errors": error.messages}
    return {
        ("non_field_errors" if name == NON_FIELD_ERRORS else name): messages
        for name, messages in error.message_dict.items()
    }


def bulk_upsert(
    *, rows, upsert, atomic: bool, savepoints: bool = True, finish=None
) -> list[dict]:
    """`rows`: [(external_ref, values or {field: [messages]} when the row did not
    parse, valid)]; `upsert(external_ref, values)` -> (item, result). Each result:
    {"external_ref", "result", "item"} or, for `error`, {"code", "message",
    "fields"}. With `atomic`, one error and nothing is saved.

    `savepoints=False` leaves out the savepoint around each row (two queries a row),
    for an upsert that raises a row's error before writing anything and keeps its
    writes in a savepoint of its own (`InterventionBatch.upsert`); `finish()` then
    writes what such an upsert kept for the end (its new rows), unless an atomic
    request fails."""
    results = []
    with transaction.atomic():
        for external_ref, values, valid in rows:
            row = {"external_ref": external_ref}
            results.append(row)
            if not valid:
                row.update(
                    result=ERROR, code="invalid", message=_INVALID(), fields=values
                )
                continue
            try:
                # A savepoint per row: a failed row leaves the others' writes.
                with transaction.atomic() if savepoints else nullcontext():
                    item, result = upsert(external_ref, values)
            except ValidationError as error:
                row.update(
                    result=ERROR,
                    code="invalid",
                    message=_INVALID(),
                    fields=_field_messages(error),
                )
            except ApplicationError as error:
                row.update(result=ERROR, code=error.code, message=str(error.message))
                if error.fields:
                    row["fields"] = error.fields
            else:
                row.update(result=result, item=item)
        if atomic and any(row["result"] == ERROR for row in results):
            transaction.set_rollback(True)
        elif finish is not None:
            finish()
    return results


def counts(results) -> dict:
    return {
        name: sum(row["result"] == name for row in results)
        for name in (CREATED, UPDATED, UNCHANGED, ERROR)
    }
