"""Token and session authentication, each bound to the request's portal.

One order on every request: PortalApiView reads the portal named in the address
(404 when it has no live page, 403 when its module is off), then DRF runs these
authenticators, which check the credentials against that very portal (401).
"""

import binascii
from datetime import UTC, datetime
from functools import cache
from hmac import compare_digest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS, knox_settings
from knox.signals import token_expired
from rest_framework.authentication import (
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed

from access.models import Agency, Client, Intervenant, Portal
from home_pages.selectors import portal_by_key

SESSION_PORTAL_KEY = "portal_id"


def _bound_to_portal(request, user) -> bool:
    portal = getattr(request, "portal", None)
    return (
        portal is not None
        and user.is_active
        and user.portal_id is not None
        and user.portal_id == portal.pk
    )


def _tokens_on_portal(key: str, token: str) -> list:
    """The tokens with this token's key whose account belongs to the portal with this
    key, each with its account, the account's person, and the portal with its
    agency: one query, on every token request.

    Hand-written SQL: the ORM spends far longer building this six-table
    select_related than the database spends running it. Measured on the shared
    2-core machine (SQLite, 2026-11-28, one token, three runs of 2,000 calls,
    medians): 2.4 to 18 ms a call through the ORM (SQLCompiler.get_select and
    get_related_selections, most of it), 0.25 to 0.32 ms for this function, rows
    made into instances included. Tables and columns come from the models' _meta,
    values go through each field's own conversion, rows become instances through
    Model.from_db: nothing of the ORM's private machinery.
    """
    sql, models = _token_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token[: CONSTANTS.TOKEN_KEY_LENGTH], key])
        rows = cursor.fetchall()
    tokens = []
    for row in rows:
        auth_token, user, portal, agency, client, intervenant = _instances(row, models)
        portal.agency = agency
        user.portal, user.client, user.intervenant = portal, client, intervenant
        auth_token.user = user
        tokens.append(auth_token)
    for auth_token in tokens[1:]:  # one portal, one object
        auth_token.user.portal = tokens[0].user.portal
    return tokens


@cache
def _token_statement() -> tuple[str, list]:
    token_model, user_model = get_token_model(), get_user_model()
    aliases = [
        (token_model, "t"),
        (user_model, "u"),
        (Portal, "p"),
        (Agency, "a"),
        (Client, "c"),
        (Intervenant, "i"),
    ]
    quote = connection.ops.quote_name

    def table(model, alias):
        return f"{quote(model._meta.db_table)} {alias}"

    def column(alias, model, name):
        return f"{alias}.{quote(model._meta.get_field(name).column)}"

    def joined(alias, model, to_alias, to_model, name):
        # `alias`'s primary key against the foreign key `name` of `to_alias`.
        pk = quote(model._meta.pk.column)
        return f"{alias}.{pk} = {column(to_alias, to_model, name)}"

    selected = ", ".join(
        f"{alias}.{quote(field.column)}"
        for model, alias in aliases
        for field in model._meta.concrete_fields
    )
    sql = (
        f"SELECT {selected} FROM {table(token_model, 't')}"
        f" JOIN {table(user_model, 'u')}"
        f" ON {joined('u', user_model, 't', token_model, 'user')}"
        f" JOIN {table(Portal, 'p')}"
        f" ON {joined('p', Portal, 'u', user_model, 'portal')}"
        f" JOIN {table(Agency, 'a')} ON {joined('a', Agency, 'p', Portal, 'agency')}"
        f" LEFT JOIN {table(Client, 'c')}"
        f" ON {joined('c', Client, 'u', user_model, 'client')}"
        f" LEFT JOIN {table(Intervenant, 'i')}"
        f" ON {joined('i', Intervenant, 'u', user_model, 'intervenant')}"
        f" WHERE {column('t', token_model, 'token_key')} = %s"
        f" AND {column('p', Portal, 'key')} = %s"
    )
    return sql, [model for model, _alias in aliases]


def _instances(row, models) -> list:
    """One instance per model from its columns of the row (None for a missing
    person), values as the ORM would load them."""
    instances, start = [], 0
    for model in models:
        fields = model._meta.concrete_fields
        values = row[start : start + len(fields)]
        start += len(fields)
        if values[0] is None:  # a left join that found nothing
            instances.append(None)
            continue
        instances.append(
            model.from_db(
                connection.alias,
                [field.attname for field in fields],
                [
                    _value(field, value)
                    for field, value in zip(fields, values, strict=True)
                ],
            )
        )
    return instances


def _value(field, value):
    if value is None:
        return None
    if hasattr(field, "from_db_value"):  # a field's own conversion (JSON, say)
        return field.from_db_value(value, None, connection)
    value = field.to_python(value)
    # SQLite hands datetimes back as text, read here as naive UTC.
    if isinstance(value, datetime) and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


class PortalTokenAuthentication(TokenAuthentication):
    """knox's token authentication, on the tokens of the request's portal.

    knox's steps, through its public methods: the header as knox parses it (its
    `authenticate`, prefix in any case), the digest compared in constant time, an
    expired token deleted with knox's `token_expired` signal, auto-refresh
    (`renew_token`) when REST_KNOX asks for it, inactive accounts refused
    (`validate_user`). What differs, for the API's hot path:

    - the tokens are read with their account, person and portal in one query
      restricted to the portal of the address; PortalApiView asks for them with its
      portal (`portal`), so that a token request costs one query for both;
    - knox's scan of the account's other tokens for expired ones is left out: it
      is a private method of knox (`_cleanup_token`) and costs one more query on
      every request. An expired token is still refused, deleted and signalled when
      it is presented, as knox does for the token used.
    """

    def __init__(self):
        # (token, its rows on the portal), read by `portal` for this request: DRF
        # makes one authenticator per request.
        self._read: tuple[str, list] | None = None
        self._portal = None

    def token_in(self, request) -> str | None:
        """The token of the request's Authorization header as knox reads it; None
        when there is none, or when knox's `authenticate` will refuse the header."""
        header = get_authorization_header(request).split()
        prefix = self.authenticate_header(request).encode()
        if len(header) != 2 or header[0].lower() != prefix.lower():
            return None
        try:
            return header[1].decode("utf-8")
        except UnicodeDecodeError:
            return None

    def portal(self, request, key: str):
        """The portal with this key and its agency, read with the rows of the
        request's token on it when there is one (kept for `authenticate`)."""
        token = self.token_in(request)
        if token is not None:
            tokens = _tokens_on_portal(key, token)
            self._read = (token, tokens)
            if tokens:
                return tokens[0].user.portal
        return portal_by_key(key=key)

    def authenticate(self, request):
        self._portal = getattr(request, "portal", None)
        if self._portal is None:  # no portal, no identity
            return None
        result = super().authenticate(request)
        if result is not None and not _bound_to_portal(request, result[0]):
            raise AuthenticationFailed()
        return result

    def authenticate_credentials(self, token):
        # knox's loop (knox.auth.TokenAuthentication.authenticate_credentials) on
        # the rows read with the portal; a token that is not UTF-8 is refused (knox
        # lets the UnicodeDecodeError through, a 500).
        try:
            token = token.decode("utf-8")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed() from error
        if self._read is not None and self._read[0] == token:
            tokens = self._read[1]
        else:
            tokens = _tokens_on_portal(self._portal.key, token)
        for auth_token in tokens:
            if self._expired(auth_token):
                continue
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error) as error:
                raise AuthenticationFailed() from error
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise AuthenticationFailed()

    def _expired(self, auth_token) -> bool:
        if auth_token.expiry is None or auth_token.expiry >= timezone.now():
            return False
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(
            sender=self.__class__, username=username, source="auth_token"
        )
        return True


class PortalSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        session_portal = request._request.session.get(SESSION_PORTAL_KEY)
        if (
            not _bound_to_portal(request, result[0])
            or session_portal != request.portal.pk
        ):
            # A session of another portal (or a staff session) is no identity here.
            return None
        # The account's portal is the request's, just checked: no second read.
        result[0].portal = request.portal
        return result
