"""While the database cannot be reached (a restart, a fail-over), every request
answers 503 at once, in the API's error shape under /api/, instead of a 500: clients
and proxies read it as "try again shortly", and nothing is logged as a bug.

The middleware catches what a view raised; cms.views.server_error sends here what
a middleware raised (a session or a user read before the view). A connection that
broke is not kept: Django closes it at the end of the request (its errors_occurred
flag), and CONN_HEALTH_CHECKS (DJANGO_DB_CONN_HEALTH_CHECKS) checks a persistent one
before reuse, so that the first request after a restart succeeds.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def is_database_unavailable(exception) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def database_unavailable_response(request, exception) -> HttpResponse:
    # The exception's class only: its text may name the database's host and user.
    logger.warning("Database unavailable: %s", type(exception).__name__)
    message = _(
        "Le service est momentanément indisponible. Réessayez dans quelques instants."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": "service_unavailable", "message": message}},
            status=503,
        )
    else:
        response = HttpResponse(
            message, status=503, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable_response(request, exception)
        return None
