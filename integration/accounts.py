"""Portal accounts opened, renewed and closed by the agency's software, for its
people by their references, through access's own services (the admin's): by
invitation only, so no password is ever sent to or by the API. The invitation
goes to the person's e-mail; the link itself is never answered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access.errors import ApplicationError
from access.models import AccountBatchItem, Client, Intervenant, User
from access.services import (
    INVITATION,
    account_batch_create,
    account_batch_run,
    portal_account_delete,
    portal_account_generate,
    portal_account_regenerate,
)

PEOPLE = {"clients": Client, "intervenants": Intervenant}
GENERATE, REGENERATE, DELETE = "generate", "regenerate", "delete"
ACTIONS = (GENERATE, REGENERATE, DELETE)
DONE = {GENERATE: "created", REGENERATE: "regenerated", DELETE: "deleted"}
MAX_REFS = 500


def account_status(account: User) -> str:
    """`invited` until the person chose a password through their link, then
    `active`; `disabled` when staff switched the account off."""
    if not account.is_active:
        return "disabled"
    return "active" if account.has_usable_password() else "invited"


def _module_on(agency, model) -> None:
    if not agency.module_enabled(model.portal_kind):
        raise ApplicationError(
            "module_disabled",
            _("Le module de ce portail n'est pas activé."),
            status=403,
        )


def _no_email():
    return ApplicationError(
        "no_email",
        _("Cette personne n'a pas d'e-mail : l'invitation ne peut pas partir."),
        status=409,
    )


def _no_account():
    return ApplicationError(
        "no_account", _("Cette personne n'a pas d'accès au portail."), status=404
    )


def person_for_ref(*, agency, resource: str, external_ref: str, lock=False):
    """The agency's person with this reference, or None."""
    people = PEOPLE[resource].objects.filter(agency=agency, external_ref=external_ref)
    if lock:
        people = people.select_for_update()
    return people.first()


def person_account(person) -> User | None:
    """The person's account: their first, should staff have opened a second one in
    the admin (the API acts on that one only)."""
    return person.accounts.order_by("pk").first()


def _locked(agency, resource, external_ref):
    # Locked: two requests for one person never open two accounts, as the batch
    # service locks them.
    person = person_for_ref(
        agency=agency, resource=resource, external_ref=external_ref, lock=True
    )
    if person is None:
        raise ApplicationError(
            "not_found", _("Aucune fiche n'a cette référence."), status=404
        )
    return person


@transaction.atomic
def api_account_generate(*, agency, resource: str, external_ref: str):
    """Credentials of the new account of the person with this reference, its
    invitation e-mailed to them. 409 `account_exists` when they have one, 409
    `no_email` without an address to invite, 403 `module_disabled`."""
    _module_on(agency, PEOPLE[resource])
    person = _locked(agency, resource, external_ref)
    if person.accounts.exists():
        raise ApplicationError(
            "account_exists",
            _("Cette personne a déjà un accès au portail."),
            status=409,
        )
    if not person.email:
        raise _no_email()
    try:
        return portal_account_generate(person=person, mode=INVITATION, send_email=True)
    except ValidationError as error:
        # The identifier is the person's e-mail: another account (of any agency)
        # may hold it already.
        if "username" in getattr(error, "error_dict", {}):
            raise ApplicationError(
                "identifier_unavailable",
                _("Cet e-mail sert déjà d'identifiant à un autre accès."),
                status=409,
            ) from error
        raise


@transaction.atomic
def api_account_regenerate(*, agency, resource: str, external_ref: str):
    """A new invitation for the person's account: every link, token and session it
    had stops working, as when staff regenerate it."""
    _module_on(agency, PEOPLE[resource])
    person = _locked(agency, resource, external_ref)
    account = person_account(person)
    if account is None:
        raise _no_account()
    if not person.email:
        raise _no_email()
    return portal_account_regenerate(account=account, mode=INVITATION, send_email=True)


@transaction.atomic
def api_account_delete(*, agency, resource: str, external_ref: str) -> int:
    """Closes the person's account, as staff do (the person stays); its id."""
    person = _locked(agency, resource, external_ref)
    account = person_account(person)
    if account is None:
        raise _no_account()
    account_id = account.pk
    portal_account_delete(account=account)
    return account_id


def _row_error(row, error) -> None:
    if isinstance(error, ApplicationError):
        row.update(result="error", code=error.code, message=str(error.message))
    else:
        row.update(result="error", code="invalid", message=" ".join(error.messages))


def _credentials_row(row, action, credentials) -> None:
    row.update(
        result=DONE[action],
        account=credentials.account,
        email_sent=credentials.email_sent,
    )
    if credentials.email_error:
        row["message"] = str(credentials.email_error)


BATCH_RESULTS = {
    AccountBatchItem.Result.SKIPPED_HAS_ACCOUNT: (
        "account_exists",
        lambda: _("Cette personne a déjà un accès au portail."),
    ),
    AccountBatchItem.Result.SKIPPED_NO_EMAIL: (
        "no_email",
        lambda: _("Cette personne n'a pas d'e-mail : l'invitation ne peut pas partir."),
    ),
}


def _generate_in_batch(agency, resource, people: dict, rows: list) -> None:
    """Opens the accounts through the admin's batch service (an invitation
    batch, listed in the admin with the others), then reads its results."""
    kind = PEOPLE[resource].portal_kind
    batch = account_batch_create(
        agency=agency,
        kind=kind,
        person_ids=[person.pk for person in people.values()],
        delivery=INVITATION,
        sender=None,
    )
    account_batch_run(batch=batch)
    items = {
        getattr(item, f"{kind}_id"): item for item in batch.items.select_related(kind)
    }
    accounts = {
        getattr(account, f"{kind}_id"): account
        for account in User.objects.filter(**{f"{kind}__in": list(items)})
        .select_related(kind)
        .order_by("-pk")
    }
    for row in rows:
        person = people.get(row["external_ref"])
        if person is None or "result" in row:
            continue
        item = items[person.pk]
        if item.result in BATCH_RESULTS:
            code, message = BATCH_RESULTS[item.result]
            row.update(result="error", code=code, message=message())
        elif item.result == AccountBatchItem.Result.FAILED:
            row.update(result="error", code="invalid", message=item.message)
        else:
            sent = item.result == AccountBatchItem.Result.CREATED
            row.update(result="created", account=accounts[person.pk], email_sent=sent)
            if not sent:
                row["message"] = item.message


def api_accounts_bulk(*, agency, resource: str, action: str, refs: list[str]):
    """One row per reference, in order: `created`, `regenerated`, `deleted` or
    `error` with a code (`not_found`, `duplicate`, `account_exists`, `no_account`,
    `no_email`, `invalid`). Not all or nothing: the e-mails that left cannot be
    taken back, so each row stands on its own."""
    model = PEOPLE[resource]
    if action != DELETE:
        _module_on(agency, model)
    found = {
        person.external_ref: person
        for person in model.objects.filter(agency=agency, external_ref__in=set(refs))
    }
    rows, people, seen = [], {}, set()
    for ref in refs:
        row = {"external_ref": ref}
        rows.append(row)
        if ref in seen:
            row.update(
                result="error",
                code="duplicate",
                message=_("Cette référence figure déjà plus haut dans la liste."),
            )
        elif ref not in found:
            row.update(
                result="error",
                code="not_found",
                message=_("Aucune fiche n'a cette référence."),
            )
        else:
            people[ref] = found[ref]
        seen.add(ref)
    if action == GENERATE:
        if people:
            _generate_in_batch(agency, resource, people, rows)
        return rows
    one = api_account_regenerate if action == REGENERATE else api_account_delete
    for row in rows:
        if "result" in row:
            continue
        try:
            done = one(
                agency=agency, resource=resource, external_ref=row["external_ref"]
            )
        except (ApplicationError, ValidationError) as error:
            _row_error(row, error)
            continue
        if action == DELETE:
            row.update(result=DONE[action], id=done)
        else:
            _credentials_row(row, action, done)
    return rows
