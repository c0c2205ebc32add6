"""A form too big to accept: a page that says so and hands the typed text back.

Django refuses a request over DATA_UPLOAD_MAX_MEMORY_SIZE, or with more fields or files
than DATA_UPLOAD_MAX_NUMBER_FIELDS / _FILES, before any view runs, and its answer is a
bare 400: a writer who pasted a long report with images lost the text. Here such a
request gets a page (413) that explains the limit and, for an ordinary form post, shows
what was typed in each text field, read back from the refused request (up to
`READ_BACK_TIMES` the limit, staff only; a bigger request is not read at all), so it can
be copied and shortened. A multipart post (a form with a file field) is refused midway
through reading, so its text cannot be shown; the page still explains. Any other bad
request keeps Django's own answer.
"""

import logging
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.views import defaults

log = logging.getLogger("newsroom.requests")

OVERSIZE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
READ_BACK_TIMES = 8
# Fields the admin writes for itself, never typed by anyone.
_MACHINE_FIELDS = ("csrfmiddlewaretoken", "expected_version", "_save", "_continue")
SHOWN_FIELDS = 12


def bad_request(request, exception=None):
    if not isinstance(exception, OVERSIZE):
        return defaults.bad_request(request, exception)
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    log.warning(
        "form refused as too large: %s bytes, %s (%s)", size, request.path, type(exception).__name__
    )
    context = {
        **admin.site.each_context(request),
        "title": "",
        "size_mb": round(size / 1_000_000, 1),
        "limit_mb": round((settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / 1_000_000, 1),
        "texts": typed_text(request, size),
        "back": request.path,
    }
    return render(request, "admin/oversize.html", context, status=413)


def typed_text(request, size):
    """(field, text) for each field of a refused ordinary form post that holds text, in
    the order sent; empty for uploads and for requests too big to read back."""
    content_type = request.META.get("CONTENT_TYPE", "")
    limit = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440) * READ_BACK_TIMES
    if not content_type.startswith("application/x-www-form-urlencoded") or not 0 < size <= limit:
        return []
    if not (request.user.is_authenticated and request.user.is_staff):
        return []  # nobody else's text is worth reading megabytes for
    raw = getattr(request, "_body", None)  # read already when it had too many fields
    if raw is None:
        try:
            raw = request._stream.read(size)
        except OSError:
            return []
    texts = []
    for name, value in parse_qsl(raw.decode("utf-8", "replace"), max_num_fields=None):
        if name in _MACHINE_FIELDS or "-" in name or not any(c.isalpha() for c in value):
            continue
        texts.append((name, value))
        if len(texts) == SHOWN_FIELDS:
            break
    return texts
