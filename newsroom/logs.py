"""One log line per request, and the request's id on every line logged while it runs.

In production each record is one JSON object on stdout (time, level, logger, message,
request id, and for the request line: method, path, status, duration, staff user id), so a
log collector needs no parser of its own. The id comes from the proxy (nginx's
`$request_id` in `X-Request-ID`) when it looks like one, else it is made here; it goes back
in the response's `X-Request-ID` header so a reader's complaint can be matched to the log.
"""

import contextvars
import logging
import re
import time
import uuid

from django.utils.functional import empty
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
_request_id = contextvars.ContextVar("newsroom_request_id", default="-")
# Whatever the client sends, only a short token of safe characters ends up in the log.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

access_log = logging.getLogger("newsroom.requests")


class RequestContextFilter(logging.Filter):
    """Stamps every record with the id of the request being served ("-" outside one)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


class AsWarning(logging.Filter):
    """Django logs some client mistakes at ERROR (a Host header of a scanner that asked for
    the server's address): worth a line, not a person's attention. ERROR is kept for what
    needs one."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def json_formatter():
    return JsonFormatter(
        "{levelname}{name}{message}{request_id}",
        style="{",
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
        json_ensure_ascii=False,
    )


def _staff_id(request):
    """The staff user's id, if the view already loaded the user: logging adds no query."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:
        return None
    if getattr(wrapped, "is_staff", False):
        return wrapped.pk
    return None


def request_id_from(environ):
    """The proxy's id for this request when it looks like one, else a new one."""
    given = environ.get("HTTP_X_REQUEST_ID", "")
    return given if _SAFE_ID.match(given) else uuid.uuid4().hex


def log_request(method, path, status, started, user_id=None, request_id=None):
    """The request's one log line; the id is the running request's unless given."""
    extra = {"request_id": request_id} if request_id else {}
    access_log.info(
        "%s %s %s",
        method,
        path,
        status,
        extra={
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
            "user_id": user_id,
            **extra,
        },
    )


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META)
        token = _request_id.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response.headers[REQUEST_ID_HEADER] = request_id
            log_request(
                request.method, request.path, response.status_code, started, _staff_id(request)
            )
            return response
        finally:
            _request_id.reset(token)
