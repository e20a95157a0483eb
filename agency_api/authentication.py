"""`Authorization: Api-Key <key>`: the agency API's only credentials. A key acts for
its agency; what it may do is in its scopes (permissions.HasScope)."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from integration.keys import api_key_for, api_key_used

KEYWORD = "Api-Key"


class InvalidApiKey(exceptions.AuthenticationFailed):
    # Its own code, so that the error handler keeps this message (API.md shape).
    default_code = "invalid_api_key"
    default_detail = _("Clé d'API inconnue, révoquée ou expirée.")


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].decode("latin-1").lower() != KEYWORD.lower():
            return None
        if len(words) != 2:
            raise InvalidApiKey()
        try:
            secret = words[1].decode()
        except UnicodeError as error:
            raise InvalidApiKey() from error
        key = api_key_for(secret)
        if key is None:
            raise InvalidApiKey()
        api_key_used(key=key)
        # No user acts: the key does, for its agency (request.auth).
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return KEYWORD
