"""Whole public responses kept in the cache under the content generation.

A public page, feed, calendar or sitemap is rendered once per content generation and
address, then answered from the cache (Redis in production: shared by every app server)
until anything public changes: the generation token is part of every key, so one change
makes every stored copy unreachable at once. Entries also expire after `TTL` seconds so
memory is returned even if nothing changes.

Staff (anyone sending a session cookie) are never answered from the cache and never
stored: they may see previews, messages and pages in another state. A response is stored
only when it is a plain 200 that sets no cookie and does not vary on one.

Responses carry ETag, Last-Modified and Cache-Control, so browsers, the nginx micro-cache
and a CDN revalidate cheaply; a matching conditional request is answered 304 from the
cache entry, without running the view.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

TTL = 3600
# Query parameters public views read. An address carrying any other (tracking tags,
# guesses) is rendered normally and not stored, so it cannot fill the cache.
KNOWN_PARAMS = frozenset({"q", "hal", "hal_kegiatan", "hal_lalu", "jenis", "unit"})
# Headers worth keeping with a stored body.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Link",
    "Access-Control-Allow-Origin",
)

# What a 304 repeats of the full answer (RFC 9110 §15.4.5).
VALIDATOR_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Content-Language")


def is_enabled():
    return getattr(settings, "NEWSROOM_PAGE_CACHE", True)


def cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not is_enabled():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return set(request.GET) <= KNOWN_PARAMS


def cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and "private" not in control and "no-store" not in control


def entry_key(request, token):
    # Scheme and host too: pages carry absolute links (canonical, og:url, hreflang).
    address = f"{request.scheme}|{request.get_host()}|{request.path}|{sorted(request.GET.lists())}"
    return "page:" + hashlib.sha256(f"{token}|{address}".encode()).hexdigest()


def public_cache(generation):
    """A view decorator; `generation()` returns (token, minted_at) of the current content."""

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not cacheable_request(request):
                return view(request, *args, **kwargs)
            token, minted_at = generation()
            key = entry_key(request, token)
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if not cacheable_response(response):
                    return response
                entry = store(key, response, minted_at)
                response.headers["X-Cache"] = "MISS"
            else:
                response = None
            return answer(request, entry, response)

        return cached_view

    return decorate


def store(key, response, minted_at):
    if hasattr(response, "render"):
        response.render()  # a TemplateResponse (the sitemaps) renders late otherwise
    body = response.content
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    # Views with validators of their own (feeds, calendars, sitemaps) keep theirs.
    headers.setdefault("ETag", f'"{hashlib.sha256(body).hexdigest()[:32]}"')
    headers.setdefault("Last-Modified", http_date(int(minted_at)))
    entry = {"status": response.status_code, "body": body, "headers": headers}
    cache.set(key, entry, TTL)
    return entry


def answer(request, entry, response=None):
    headers = entry["headers"]
    last_modified = parse_http_date_safe(headers["Last-Modified"])
    conditional = get_conditional_response(
        request, etag=headers["ETag"], last_modified=last_modified
    )
    if conditional is None:
        if response is None:
            response = HttpResponse(entry["body"], status=entry["status"])
            response.headers["X-Cache"] = "HIT"
        result, names = response, headers
    else:
        result, names = conditional, VALIDATOR_HEADERS
    for name in names:
        if name in headers:
            result.headers[name] = headers[name]
    if "Cache-Control" not in headers:
        patch_cache_control(result, public=True, max_age=settings.NEWSROOM_PAGE_MAX_AGE)
    return result
