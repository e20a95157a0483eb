"""Every API error, whatever raised it, in the one shape of API.md:
{"error": {"code", "message", "fields"?}}."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from access.errors import ApplicationError

from .serializers import ErrorSerializer


def error_body(code: str, message, fields=None) -> dict:
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return ErrorSerializer({"error": body}).data


def _messages(detail) -> dict:
    """DRF's nested error detail as {field: [message, ...]}, nested names dotted."""
    flat = {}

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        elif isinstance(value, list) and value and not isinstance(value[0], str):
            for index, item in enumerate(value):
                walk(f"{prefix}.{index}", item)
        else:
            items = value if isinstance(value, list) else [value]
            flat[prefix or "non_field_errors"] = [str(item) for item in items]

    walk("", detail)
    return flat


# Our own messages, so that each is translated and none leaks a framework's wording.
MESSAGES = {
    "not_authenticated": lambda: _("Authentification requise."),
    "authentication_failed": lambda: _("Session ou jeton invalide ou expiré."),
    "permission_denied": lambda: _("Vous n'avez pas accès à cette ressource."),
    "not_found": lambda: _("Ressource introuvable."),
    "method_not_allowed": lambda: _("Méthode non autorisée."),
    "invalid": lambda: _("Le corps de la requête n'est pas un JSON valide."),
    "unsupported_media_type": lambda: _("Type de contenu non pris en charge."),
    "throttled": lambda: _("Trop de requêtes. Réessayez plus tard."),
    "not_acceptable": lambda: _("Format de réponse non disponible."),
}


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        headers = {}
        if exc.retry_after is not None:
            headers["Retry-After"] = str(exc.retry_after)
        return Response(
            error_body(exc.code, exc.message, exc.fields),
            status=exc.status,
            headers=headers,
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            "invalid", _("Certaines données sont invalides."), _messages(exc.detail)
        )
        return response
    code = exc.default_code if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(exc, exceptions.ParseError):
        # Malformed JSON is invalid input like any other (API.md: 400 `invalid`).
        code = "invalid"
        response.status_code = status.HTTP_400_BAD_REQUEST
    message = MESSAGES[code]() if code in MESSAGES else str(getattr(exc, "detail", exc))
    response.data = error_body(code, message)
    return response


@csrf_exempt  # an unknown route is a 404 whatever the method, never a CSRF page
def api_not_found(request, *args, **kwargs):
    """Unknown routes under /api/ answer in the API's error shape, not an HTML page."""
    return JsonResponse(error_body("not_found", MESSAGES["not_found"]()), status=404)


def api_csrf_failure(request, reason=""):
    return JsonResponse(
        error_body("csrf_failed", _("Jeton CSRF manquant ou invalide.")), status=403
    )


def api_bad_request(request, *args, **kwargs):
    return JsonResponse(error_body("invalid", _("Requête invalide.")), status=400)


def api_server_error(request, *args, **kwargs):
    return JsonResponse(
        error_body("server_error", _("Erreur interne du serveur.")), status=500
    )
