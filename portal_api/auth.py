"""Sign-in, sign-out and password change (API.md: Authentication)."""

from django.contrib.auth import login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from access import services
from access.errors import ApplicationError
from api_base.schema import ERRORS

from .authentication import SESSION_PORTAL_KEY
from .base import PortalApiView, PublicPortalApiView
from .serializers import AccountSerializer


class LoginInputSerializer(serializers.Serializer):
    identifier = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class LoginOutputSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()
    account = AccountSerializer()


class PasswordInputSerializer(serializers.Serializer):
    current_password = serializers.CharField(max_length=4096, trim_whitespace=False)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False)


class InvitationInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=300)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False)


def open_session(request, portal, account) -> Response:
    """Sign in: a new token for apps and a portal-bound session for browsers."""
    token, raw_token = services.account_token_issue(account=account)
    login(request._request, account, backend="access.backends.PortalAccountBackend")
    request._request.session[SESSION_PORTAL_KEY] = portal.pk
    get_token(request._request)  # browsers get their CSRF cookie with the session
    body = {"token": raw_token, "expires_at": token.expiry, "account": account}
    return Response(LoginOutputSerializer(body).data)


class SignInApi(PublicPortalApiView):
    # Open by nature: the body holds the credential, read by `input_class`, and
    # `account(**body)` gives the account it proves, then signed in. (A comment, not
    # a docstring: the schema would take a docstring as the endpoints' description.)

    input_class: type[serializers.Serializer]

    def account(self, **data):
        raise NotImplementedError

    def post(self, request, portal):
        account = self.account(**self.read_input(self.input_class))
        return open_session(request, self.portal, account)


def sign_in_schema(operation_id, input_class, summary, errors=(400, 403, 404)):
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            request=input_class,
            responses={200: LoginOutputSerializer, **ERRORS(*errors)},
            summary=summary,
        )
    )


@sign_in_schema(
    "auth_login",
    LoginInputSerializer,
    "Sign in with an identifier and a password",
    errors=(400, 401, 403, 404, 429),
)
class LoginApi(SignInApi):
    # The credentials are what is being checked. No prior session is read, so no
    # CSRF applies; lock-outs are django-axes's job.
    input_class = LoginInputSerializer

    def account(self, *, identifier, password):
        return services.portal_account_authenticate(
            request=self.request._request,
            portal=self.portal,
            identifier=identifier,
            password=password,
        )


@sign_in_schema(
    "auth_invitation",
    InvitationInputSerializer,
    "Choose a password through an invitation link, then sign in",
)
class InvitationApi(SignInApi):
    # The invitation link's token in the body is the credential.
    input_class = InvitationInputSerializer

    def account(self, **data):
        return services.portal_account_accept_invitation(portal=self.portal, **data)


class LogoutApi(PortalApiView):
    @extend_schema(
        operation_id="auth_logout",
        request=None,
        responses={204: None, **ERRORS(401, 403, 404)},
        summary="Revoke the token or session used",
    )
    def post(self, request, portal):
        if request.auth is not None and hasattr(request.auth, "digest"):
            request.auth.delete()
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


def check_current_password(request, portal, password: str) -> None:
    """Check the current password the way sign-in checks one, so that it shares the
    sign-in lock-out: a wrong one counts as a failed sign-in for this identifier on
    this portal, a locked-out identifier answers 429 `locked_out` whatever the password,
    and the right one resets the count."""
    try:
        services.portal_account_authenticate(
            request=request._request,
            portal=portal,
            identifier=request.user.username,
            password=password,
        )
    except ApplicationError as error:
        if error.code != "invalid_credentials":
            raise
        raise ValidationError(
            {"current_password": _("Mot de passe actuel incorrect.")}
        ) from error


class PasswordApi(PortalApiView):
    @extend_schema(
        operation_id="auth_password",
        request=PasswordInputSerializer,
        responses={204: None, **ERRORS(400, 401, 403, 404, 429)},
        summary="Change the password; other tokens and sessions are revoked",
    )
    def post(self, request, portal):
        data = self.read_input(PasswordInputSerializer)
        check_current_password(request, self.portal, data["current_password"])
        token = request.auth if hasattr(request.auth, "digest") else None
        account = services.account_password_change(
            account=request.user, keep_token=token, **data
        )
        if token is None:
            update_session_auth_hash(request._request, account)
        return Response(status=status.HTTP_204_NO_CONTENT)
