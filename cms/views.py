from django.views.defaults import server_error as html_server_error

from portal_api.exception_handlers import api_server_error


def server_error(request, *args, **kwargs):
    """API clients get a JSON error even when the unexpected happens."""
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return html_server_error(request, *args, **kwargs)
