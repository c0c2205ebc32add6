"""Conditional GET for machine-read responses (feeds, calendars, sitemaps).

Readers poll every few minutes, so a poll must be cheap: the caller computes an ETag and
a Last-Modified from one small query; a matching conditional request ends there with a
304, and a rendered body is cached under its ETag so identical polls reuse it.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Aggregate, CharField
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

# A rendered body is reused while its ETag holds; the ETag changes with any content change.
RENDER_CACHE_SECONDS = 3600
# Bump when an output format changes so cached bodies and client ETags are renewed.
FORMAT_VERSION = "2"


def make_etag(*parts):
    seed = "|".join(repr(part) for part in (FORMAT_VERSION, *parts))
    return f'"{hashlib.sha256(seed.encode()).hexdigest()[:32]}"'


class Joined(Aggregate):
    """The texts of related rows joined into one, so a validator query can cover names.

    What a body shows of a tag, unit, speaker or partner has no change time of its own;
    the ETag holds the text instead, read by the same single query. The order of the
    joined parts is the database's: a different order only costs one full response.
    """

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, '|')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def conditional_response(request, *, etag, last_modified, render, content_type, headers=None):
    """A 304 when the client's copy is current; else the body, cached under its ETag.

    `render` is only called on a cache miss, so the expensive queries and templating run
    once per content change and per URL, however many readers poll.
    """
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
    if response is None:
        key = (
            "syndication:"
            + hashlib.sha256(
                f"{request.build_absolute_uri(request.path)}|{etag}".encode()
            ).hexdigest()
        )
        body = cache.get(key)
        if body is None:
            body = render()
            cache.set(key, body, RENDER_CACHE_SECONDS)
        response = HttpResponse(body, content_type=content_type)
        for name, value in (headers or {}).items():
            response.headers[name] = value
    response.headers["ETag"] = etag
    if last_modified_ts:
        response.headers["Last-Modified"] = http_date(last_modified_ts)
    return cacheable(response)


def site_host():
    """The configured site's host name: the authority of every guid and UID we mint.

    Taken from SITE_URL, never from the request, so an item keeps its id whichever
    host name or proxy a reader used.
    """
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def base_url(request):
    """Scheme and host the reader used; links in a feed point back where it came from."""
    return request.build_absolute_uri("/").rstrip("/")


def cacheable(response):
    """Any cache may keep it as briefly as a page (NEWSROOM_PAGE_MAX_AGE): an item taken
    out of the public view leaves feeds as fast as it leaves its page. Readers polling
    ask again with the ETag, answered 304."""
    patch_cache_control(response, public=True, max_age=settings.NEWSROOM_PAGE_MAX_AGE)
    return response
