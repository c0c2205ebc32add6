"""A database outage answers a branded 503 with Retry-After instead of a 500.

A lost database is not a bug in the page: the reader is told to come back shortly, a
balancer or crawler is told when, and because Django drops a connection that raised, the
next request after the database returns reconnects by itself, with no restart.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("newsroom.outage")

RETRY_AFTER_SECONDS = 30
PLAIN = (
    "<!doctype html><html lang=id><meta charset=utf-8><title>503</title>"
    "<h1>Layanan sedang tidak tersedia (503)</h1><p>Silakan coba lagi beberapa saat lagi.</p>"
)


def unavailable(request):
    try:
        body = loader.render_to_string(
            "503.html", {"page_title": _("Layanan sedang tidak tersedia")}, request
        )
    except Exception:  # noqa: BLE001 - the outage page must never raise
        body = PLAIN
    response = HttpResponse(body, status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception)
        return unavailable(request)
