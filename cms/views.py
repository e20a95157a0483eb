import sys

from django.shortcuts import render
from django.views.csrf import csrf_failure as html_csrf_failure
from django.views.defaults import bad_request as html_bad_request
from django.views.defaults import server_error as html_server_error

from api_base.exception_handlers import (
    api_bad_request,
    api_csrf_failure,
    api_server_error,
)
from cms.db_unavailable import database_unavailable_response, is_database_unavailable


def csrf_failure(request, reason=""):
    if request.path.startswith("/api/"):
        return api_csrf_failure(request, reason)
    return html_csrf_failure(request, reason)


def bad_request(request, exception, *args, **kwargs):
    if request.path.startswith("/api/"):
        return api_bad_request(request)
    return html_bad_request(request, exception, *args, **kwargs)


def server_error(request, *args, **kwargs):
    """API clients get a JSON error even when the unexpected happens; a database
    out of reach (raised by a middleware, before any view) is a 503."""
    exception = sys.exc_info()[1]
    if is_database_unavailable(exception):
        return database_unavailable_response(request, exception)
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return html_server_error(request, *args, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes's answer to a locked-out identifier.

    The API has already answered in its own error shape (429 `locked_out`); the admin
    sign-in page gets a plain page.
    """
    if request.path.startswith("/api/") and original_response is not None:
        return original_response
    return render(request, "lockout.html", status=429)
