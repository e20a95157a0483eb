"""Portal accounts of the agency's clients and intervenants, by the person's
reference: opened by invitation (the person chooses their password through the
e-mailed link), renewed, closed, one at a time or in bulk. Scopes `accounts:*`."""

from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.response import Response

from api_base.schema import ERRORS
from api_base.serializers import ErrorSerializer
from integration.accounts import (
    ACTIONS,
    DONE,
    MAX_REFS,
    account_status,
    api_account_delete,
    api_account_generate,
    api_account_regenerate,
    api_accounts_bulk,
    person_account,
    person_for_ref,
)

from .base import IDEMPOTENCY_KEY, KEY_REUSED, AgencyApiView, rows_answer

STATUSES = ["invited", "active", "disabled"]
ROW_RESULTS = [*DONE.values(), "error"]


class AgencyAccount(serializers.Serializer):
    id = serializers.IntegerField()
    identifier = serializers.CharField(source="username")
    status = serializers.SerializerMethodField(
        help_text="`invited` until the person chose their password through the "
        "link, then `active`; `disabled` when staff switched the account off.",
    )
    email = serializers.CharField()
    created_at = serializers.DateTimeField(source="date_joined")
    last_login = serializers.DateTimeField(allow_null=True)

    # Its schema name, AccountStatusEnum, is in the settings' ENUM_NAME_OVERRIDES.
    @extend_schema_field(serializers.ChoiceField(choices=STATUSES))
    def get_status(self, account) -> str:
        return account_status(account)


class AgencyAccountInvitation(AgencyAccount):
    email_sent = serializers.BooleanField(
        help_text="Whether the invitation left; if not, `email_error` says why and "
        "`regenerate` sends a new one."
    )
    email_error = serializers.CharField(required=False)

    def to_representation(self, credentials):
        body = {
            # The account's fields as AgencyAccount writes them; the two below
            # are the delivery's, on the credentials.
            **AgencyAccount(credentials.account).data,
            "email_sent": credentials.email_sent,
        }
        if credentials.email_error:
            body["email_error"] = str(credentials.email_error)
        return body


class AccountsBulkInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(ACTIONS))
    refs = serializers.ListField(
        child=serializers.CharField(max_length=100),
        allow_empty=False,
        max_length=MAX_REFS,
        help_text="The people's references.",
    )


class AccountsBulkRow(serializers.Serializer):
    external_ref = serializers.CharField()
    result = serializers.ChoiceField(choices=ROW_RESULTS)
    id = serializers.IntegerField(required=False, help_text="The account's id.")
    identifier = serializers.CharField(required=False)
    status = serializers.ChoiceField(choices=STATUSES, required=False)
    email_sent = serializers.BooleanField(required=False)
    code = serializers.CharField(
        required=False,
        help_text="For an error: `not_found`, `duplicate`, `account_exists`, "
        "`no_account`, `no_email`, `identifier_unavailable` or `invalid`.",
    )
    message = serializers.CharField(required=False)


AccountsBulkAnswer = rows_answer("AccountsBulk", AccountsBulkRow, ROW_RESULTS)


CONFLICTS = OpenApiResponse(
    ErrorSerializer,
    description="`account_exists` (generate), `no_email` (no address to invite), "
    "`identifier_unavailable` (the e-mail is another account's identifier)",
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="`missing_scope`, or `module_disabled`: the agency's portal for "
    "these people is off",
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="No person with this reference (`not_found`), or no account "
    "(`no_account`)",
)


class AccountApiBase(AgencyApiView):
    resource = "accounts"
    people = ""  # "clients" or "intervenants"

    def account(self, ref):
        person = self.found(
            person_for_ref(agency=self.agency, resource=self.people, external_ref=ref)
        )
        return self.found(person_account(person))

    def invite(self, request, ref, service, answer_status):
        """`service` sends the invitation, once per `Idempotency-Key`: a retry
        gets its answer again and sends nothing."""

        def run():
            credentials = service(
                agency=self.agency, resource=self.people, external_ref=ref
            )
            return answer_status, AgencyAccountInvitation(credentials).data

        return self.replayable(request, run)


class AccountApi(AccountApiBase):
    def get(self, request, ref):
        return Response(AgencyAccount(self.account(ref)).data)

    def post(self, request, ref):
        return self.invite(request, ref, api_account_generate, status.HTTP_201_CREATED)

    def delete(self, request, ref):
        api_account_delete(agency=self.agency, resource=self.people, external_ref=ref)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountRegenerateApi(AccountApiBase):
    def post(self, request, ref):
        return self.invite(request, ref, api_account_regenerate, status.HTTP_200_OK)


class AccountsBulkApi(AccountApiBase):
    def post(self, request):
        return self.replayable(request, lambda: (200, self.run(request)))

    def run(self, request) -> dict:
        data = AccountsBulkInput(data=request.data)
        data.is_valid(raise_exception=True)
        rows = api_accounts_bulk(
            agency=self.agency,
            resource=self.people,
            action=data.validated_data["action"],
            refs=data.validated_data["refs"],
        )
        for row in rows:
            account = row.pop("account", None)
            if account is not None:
                row.update(
                    id=account.pk,
                    identifier=account.username,
                    status=account_status(account),
                )
        counts = dict.fromkeys(ROW_RESULTS, 0)
        for row in rows:
            counts[row["result"]] += 1
        return {"results": rows, "counts": counts}


def account_views(people: str):
    """The account, regenerate and bulk views of one kind of person, with their
    schema (operation ids and descriptions naming the kind)."""
    one = people[:-1]
    name = people.capitalize()
    item = extend_schema(
        operation_id=f"{one}_account_retrieve",
        responses={200: AgencyAccount, **ERRORS(401), 403: FORBIDDEN, 404: NOT_FOUND},
        description=f"The {one}'s portal account (their first, should staff have "
        "opened a second one in the admin).",
    )

    def invitation(action, code, description):
        return extend_schema(
            operation_id=f"{one}_account_{action}",
            request=None,
            parameters=[IDEMPOTENCY_KEY],
            responses={
                code: AgencyAccountInvitation,
                **ERRORS(401),
                403: FORBIDDEN,
                404: NOT_FOUND,
                409: CONFLICTS,
            },
            description=description,
        )

    generate = invitation(
        "generate",
        201,
        f"Opens the {one}'s portal account by invitation: the "
        "identifier is their e-mail, and the e-mail they receive carries a link to "
        "choose their password. No password is ever sent or answered.",
    )
    delete = extend_schema(
        operation_id=f"{one}_account_delete",
        responses={204: None, **ERRORS(401), 403: FORBIDDEN, 404: NOT_FOUND},
        description=f"Closes the {one}'s portal account; the {one} stays.",
    )
    regenerate = invitation(
        "regenerate",
        200,
        "A new invitation: every link, token and session the account "
        "had stops working, and the person chooses a new password.",
    )
    bulk = extend_schema(
        operation_id=f"{one}_accounts_bulk",
        request=AccountsBulkInput,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            200: AccountsBulkAnswer,
            **ERRORS(400, 401),
            403: FORBIDDEN,
            422: KEY_REUSED,
        },
        description=f"Up to {MAX_REFS} references, one action: one result per "
        "reference, in order. Not all or nothing: invitations that left cannot be "
        "taken back. `generate` goes through the admin's batch (listed there).",
    )

    def view(base, **schemas):
        subclass = type(f"{name}{base.__name__}", (base,), {"people": people})
        return extend_schema_view(**schemas)(subclass)

    return (
        view(AccountApi, get=item, post=generate, delete=delete),
        view(AccountRegenerateApi, post=regenerate),
        view(AccountsBulkApi, post=bulk),
    )
