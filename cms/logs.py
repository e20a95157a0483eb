"""Log lines as the service writes them: JSON, each carrying its request's id, none
carrying a secret.

- RequestIdMiddleware takes the request id from the proxy's X-Request-ID header (nginx
  sets it, deploy/nginx/portail.conf), or makes one, and sends it back in the response,
  so that a line in nginx's log, the app's and a user's report name the same request.
- RequestIdFilter puts that id on every line logged while the request runs, and on
  Django's own 4xx/5xx lines (django.request), which are logged once the middleware
  has returned but carry the request.
- ScrubFilter removes query strings from every message: calendar feeds, reset and
  invitation links carry their token there (`?token=`), and nothing logged needs one.
- JsonFormatter (python-json-logger) writes one JSON object a line; of the request
  attached to Django's lines it keeps the method and the path, never the request's
  repr, which holds the full URL with its query string.

Bodies (passwords, codes, messages) are never logged by Django nor by our code.
"""

import contextvars
import logging
import re
import uuid
from datetime import UTC, datetime

from django.http import HttpRequest
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# What proxies send (nginx's $request_id is 32 hex digits, others send UUIDs): any
# other value is replaced, so that a client cannot write what it likes into our logs.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

# A query string: from a `?` that follows a path character up to the next space or
# quote. "Is it? yes" stays; "/p/x/planning.ics?token=abc" loses "?token=abc".
_QUERY = re.compile(r"(?<=[\w/.-])\?[^\s\"'<>]*")
QUERY_REPLACEMENT = "?[redacted]"


def scrub(text: str) -> str:
    """`text` without the query strings of the addresses it names."""
    return _QUERY.sub(QUERY_REPLACEMENT, text) if "?" in text else text


def current_request_id() -> str | None:
    return _current_request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get(REQUEST_ID_HEADER, "")
        if not _REQUEST_ID.fullmatch(request_id):
            request_id = uuid.uuid4().hex
        request.request_id = request_id
        token = _current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter:
    """Adds `request_id` to each record: the running request's, else that of the
    request the record carries (Django's django.request lines)."""

    def filter(self, record):
        request_id = _current_request_id.get()
        if request_id is None:
            request_id = getattr(getattr(record, "request", None), "request_id", None)
        record.request_id = request_id
        return True


class ScrubFilter:
    """Renders each record's message once, without query strings."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned is not message:
            record.msg, record.args = cleaned, ()
        return True


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger's formatter, which would write every extra attribute of a
    record: the request Django attaches becomes its method and path alone. Its
    fields and their names are set here, so that the app's lines (LOGGING) and
    gunicorn's (deploy/gunicorn.conf.py) have one shape."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault(
            "rename_fields",
            {"asctime": "time", "levelname": "level", "name": "logger"},
        )
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            log_data["method"] = request.method
            log_data["path"] = request.path

    def formatTime(self, record, datefmt=None):
        # ISO 8601 in UTC: the process's local time is Django's TIME_ZONE, which a
        # log collector cannot guess from a time without its offset.
        moment = datetime.fromtimestamp(record.created, UTC)
        return moment.isoformat(timespec="milliseconds")

    def formatException(self, ei):
        # An exception's message may quote the address it failed on.
        return scrub(super().formatException(ei))


class TextFormatter(logging.Formatter):
    """For a terminal (DJANGO_LOG_FORMAT=text): the time, level, logger, request id
    and message."""

    def __init__(self):
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        )

    def formatException(self, ei):
        return scrub(super().formatException(ei))
