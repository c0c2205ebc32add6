"""Stored public pages answered before Django builds a request.

A burst of readers on one shared story asks for the same few addresses. A stored copy
(`newsroom.pagecache`) of each is answered here, in the WSGI application itself: one
cache round trip, the stored status, headers and body, a 304 when the reader's copy
matches, and the request's log line. When the copy is missing, only the first request
renders it; the others wait for its copy (`pagecache.claim_or_wait`). Everything else
(staff, forms, unknown addresses, a generation whose scheduled moment has come, the
cache unreachable) goes on to Django untouched, where `PageCacheMiddleware` stores what
the views allow.
"""

import time

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.utils.module_loading import import_string

from . import logs, pagecache
from .security import forwarded

_REASONS = {200: "200 OK", 304: "304 Not Modified"}


class StoredPages:
    def __init__(self, application):
        self.application = application
        handler = getattr(settings, "NEWSROOM_REACH_BEACON_WSGI", "")
        self.beacon = import_string(handler) if handler else None
        self.beacon_path = getattr(settings, "NEWSROOM_REACH_BEACON_PATH", None)

    def __call__(self, environ, start_response):
        forwarded.strip_untrusted(environ)
        if self.beacon and get_path_info(environ) == self.beacon_path:
            return self.beacon(environ, start_response)
        key = pagecache.entry_key(environ)
        entry = pagecache.fresh_entry(key) if key else None
        if entry is None and key:
            # One render per page per change: wait for the one rendering it, if any.
            entry, environ[pagecache.CLAIMED] = pagecache.claim_or_wait(key)
        if entry is None or entry["status"] not in _REASONS:
            environ[pagecache.LOOKED_UP] = key  # Django's middleware need not ask again
            try:
                return self.application(environ, start_response)
            finally:
                if environ.pop(pagecache.CLAIMED, False):  # Django ended before storing
                    pagecache.release(key)
        started = time.monotonic()
        request_id = logs.request_id_from(environ)
        conditional = pagecache.not_modified(environ, entry)
        status = 304 if conditional else entry["status"]
        headers = pagecache.entry_headers(entry, conditional)
        if conditional:
            body = b""
        else:
            body = b"" if environ["REQUEST_METHOD"] == "HEAD" else entry["body"]
            headers.append(("X-Cache", "HIT"))
        headers.append((logs.REQUEST_ID_HEADER, request_id))
        start_response(_REASONS[status], headers)
        method, path = environ["REQUEST_METHOD"], get_path_info(environ)
        logs.log_request(method, path, status, started, request_id=request_id)
        return [body]
