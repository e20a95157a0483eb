"""Forgotten passwords (API.md: Authentication, `auth/password-reset`)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from access import services
from access.client_ip import client_ip
from api_base.schema import ERRORS

from .auth import SignInApi, sign_in_schema
from .base import PublicPortalApiView


class ResetRequestInput(serializers.Serializer):
    identifier = serializers.CharField(max_length=150)


class ResetConfirmInput(serializers.Serializer):
    token = serializers.CharField(max_length=300)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False)


class PasswordResetApi(PublicPortalApiView):
    # Open by nature: whoever forgot their password is not signed in. It answers the
    # same for any identifier, and is limited per address.

    @extend_schema(
        operation_id="auth_password_reset",
        request=ResetRequestInput,
        responses={202: None, **ERRORS(400, 403, 404, 429)},
        summary="E-mail a one-time link to choose a new password",
        description="Answers 202 whether or not the identifier exists.",
    )
    def post(self, request, portal):
        services.password_reset_request(
            portal=self.portal,
            identifier=self.read_input(ResetRequestInput)["identifier"],
            address=client_ip(request._request),
        )
        return Response(status=status.HTTP_202_ACCEPTED)


@sign_in_schema(
    "auth_password_reset_confirm",
    ResetConfirmInput,
    "Choose a new password through a reset link, then sign in",
)
class PasswordResetConfirmApi(SignInApi):
    # The reset link's token in the body is the credential.
    input_class = ResetConfirmInput

    def account(self, **data):
        return services.portal_account_reset_password(portal=self.portal, **data)
