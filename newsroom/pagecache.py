"""Whole public responses kept in the cache under the content generation.

A public page, feed, calendar or sitemap is rendered once per content generation and
address, then answered from the cache (Redis in production: shared by every app server)
until what it shows changes. Each entry records the generation token it was rendered
under, and is answered only while that token is still the current one, so a site-wide
change (a rename, a scheduled time) makes every stored copy unreachable at once; an
item's publication, correction or withdrawal purges only the entries stored under its
surrogate keys (`newsroom.pagekeys`). Entries also expire after `TTL` seconds so memory
is returned even if nothing changes.

What is stored is the finished response, with the headers every middleware added
(security headers, Content-Language, compression), so a stored page can be answered
before Django builds a request at all (`newsroom.pagefront`, the WSGI application) and
also by `PageCacheMiddleware`, the first thing a request meets inside Django. Both read
the generation and the entry in one cache round trip.

Staff (anyone sending a session cookie) are never answered from the cache and never
stored: they may see previews, messages and pages in another state. A response is stored
only when the view opted in (`public_cache`), it is a plain 200 to a GET, it sets no
cookie and does not vary on one.

Responses carry ETag, Last-Modified and Cache-Control, so browsers, the nginx micro-cache
and a CDN revalidate cheaply; a matching conditional request is answered 304 from the
entry, without running the view.
"""

import hashlib
import re
import threading
import time
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, QueryDict
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import pagekeys
from .cache import unreachable

TTL = 3600
# The content generation: (token, minted at, next moment the public view changes by
# itself). Written by articles.models.freshness, which knows what is public.
GENERATION_KEY = "content-generation"
# Query parameters public views read. An address carrying any other (tracking tags,
# guesses) is rendered normally and not stored, so it cannot fill the cache.
KNOWN_PARAMS = frozenset({"q", "hal", "hal_kegiatan", "hal_lalu", "jenis", "unit"})
# Tags that say where a reader came from, never what the page shows: left out of the key
# (a link shared as ?utm_source=whatsapp finds the page stored for the plain address) and
# out of the view's request.GET, so the stored page is the plain address's page. The
# reach beacon reads utm_source in the browser, from the address bar.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid", "twclid", "ttclid"}
    | {"yclid", "mc_cid", "mc_eid", "_ga", "_gl", "li_fat_id", "ref_src"}
)
# Set on the request by `public_cache` when the view's answer may be stored.
PENDING = "newsroom.page_cache"
# The request's entry key (None: not cacheable), once the front or the middleware has
# looked it up, so neither the key nor the cache round trip is repeated further in.
LOOKED_UP = "newsroom.page_key"
# Headers that belong to one exchange, never to a stored page.
PER_REQUEST_HEADERS = frozenset({"x-request-id", "x-cache", "date", "set-cookie"})
# One render per page per change (`claim_or_wait`): the claim on a page being rendered,
# how long it holds if its renderer dies, how long the others wait and how often they look.
CLAIM = "rendering:"
CLAIM_SECONDS = 10
PATIENCE = 3.0
POLL = 0.02
# Set on the request when it claimed its page (the front or the middleware releases it).
CLAIMED = "newsroom.page_claimed"
# What a 304 repeats of the full answer (RFC 9110 §15.4.5).
VALIDATOR_HEADERS = frozenset(
    {"etag", "last-modified", "cache-control", "content-language", "vary"}
)
# The same test Django's GZipMiddleware applies: a compressed and a plain copy are two entries.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def is_enabled():
    return getattr(settings, "NEWSROOM_PAGE_CACHE", True)


# The transaction of this thread that wrote what public pages show and has not committed
# yet (`hold_until_commit`).
_uncommitted = threading.local()


def commits_later():
    """The outermost atomic block whose commit makes this thread's writes public, or None
    when they are public as they are written: in autocommit, and inside a TestCase's own
    blocks, which never commit (Django's durability check passes over them too)."""
    blocks = connection.atomic_blocks
    if not blocks or blocks[0]._from_testcase:
        return None
    return blocks[0]


def hold_until_commit(block):
    """Transaction `block` changed what public pages show: until it commits, this thread's
    requests neither read nor store pages (they would see rows nobody else sees yet).

    Every other reader keeps the committed state's pages, which are still true, until the
    commit purges them; purging them before the commit too would have each page rendered
    twice per change, from the old rows in between and from the new after.
    """
    _uncommitted.block = block


def _holds_uncommitted():
    block = getattr(_uncommitted, "block", None)
    return block is not None and commits_later() is block


def entry_key(environ):
    """The address of a request, or None when it may not be answered from the cache.

    Read from the WSGI environ alone, so the front (before Django) and the middleware
    find the same entry. The host is the one the client sent: entries are only written
    after Django accepted that host, so an unknown host never finds one.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not is_enabled():
        return None
    if f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", ""):
        return None
    if _holds_uncommitted():
        return None
    params = untracked(environ.get("QUERY_STRING", ""))
    if any(name not in KNOWN_PARAMS for name, _value in params):
        return None
    # Scheme and host too: pages carry absolute links (canonical, og:url, hreflang).
    address = "|".join(
        (
            _scheme(environ),
            environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            repr(sorted(params)),
            "gzip" if _ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")) else "",
        )
    )
    return "page:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def is_tracking(name):
    return name.startswith("utm_") or name in TRACKING_PARAMS


def untracked(query_string):
    """The query's (name, value) pairs without the tracking tags."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return [(name, value) for name, value in pairs if not is_tracking(name)]


def drop_tracking(request):
    """Render a cacheable tagged address exactly as the plain one (its key is the same)."""
    query = request.META.get("QUERY_STRING", "")
    if not query or not any(is_tracking(name) for name in request.GET):
        return
    kept = urlencode(untracked(query))
    request.META["QUERY_STRING"] = kept
    request.GET = QueryDict(kept)


def _scheme(environ):
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and proxy[0] in environ:
        return "https" if environ[proxy[0]].split(",")[0].strip() == proxy[1] else "http"
    return environ.get("wsgi.url_scheme", "http")


def fresh_entry(key):
    """The stored response for `key` if it was rendered under the current generation.

    One cache round trip. A generation whose next due moment has passed is not current:
    the request goes on to Django, whose first cached view moves the generation.
    """
    found = cache.get_many([GENERATION_KEY, key])
    return _current(found.get(GENERATION_KEY), found.get(key))


def _current(state, entry):
    if state is None or entry is None or entry["token"] != state[0]:
        return None
    if state[2] is not None and state[2] <= time.time():
        return None
    return entry


def claim_or_wait(key):
    """After a miss: (a copy another request rendered meanwhile, whether this one renders).

    One render per page per change: the first request to miss claims the page and
    renders it; the others wait up to `PATIENCE` seconds for its copy (polling the cache),
    and render themselves only when it does not come (the claimer's answer was not
    storable, or it died: its claim lapses after `CLAIM_SECONDS`). With the cache
    unreachable nobody can claim or wait: everyone renders.
    """
    if cache.add(CLAIM + key, 1, CLAIM_SECONDS):
        return None, True
    if unreachable(cache):
        return None, False
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        time.sleep(POLL)
        found = cache.get_many([GENERATION_KEY, key, CLAIM + key])
        entry = _current(found.get(GENERATION_KEY), found.get(key))
        if entry is not None:
            return entry, False
        if CLAIM + key not in found:
            break  # rendered and not stored: render too
    return None, False


def release(key):
    cache.delete(CLAIM + key)


def not_modified(environ, entry):
    """Does the client's copy match the entry? (If-None-Match first, as RFC 9110 says.)"""
    headers = dict(entry["headers"])
    given = environ.get("HTTP_IF_NONE_MATCH")
    if given is not None:
        etag = headers.get("ETag", "")
        weak = etag.removeprefix("W/")
        return given.strip() == "*" or any(
            tag.strip().removeprefix("W/") == weak for tag in given.split(",")
        )
    given = environ.get("HTTP_IF_MODIFIED_SINCE")
    if given is None:
        return False
    since, modified = parse_http_date_safe(given), parse_http_date_safe(headers["Last-Modified"])
    return since is not None and modified is not None and modified <= since


def public_cache(generation, shows=None):
    """A view decorator: the view's 200 answers may be stored under the current generation
    (by `PageCacheMiddleware`, which decides whether the request may be answered from the
    cache at all).

    `generation()` returns (token, minted_at) of the current content; it is read before
    the view runs, so a change committed while the view renders leaves the stored copy
    under a token that is already out of date. `shows(kwargs)` gives the surrogate keys
    of what the route's page shows (`pagekeys`; the view may add more); a route without
    it shows `pagekeys.LISTS`, purged by any item's change.
    """

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not request.META.get(LOOKED_UP):
                return view(request, *args, **kwargs)
            token, minted_at = generation()
            request.META[pagekeys.STARTED] = pagekeys.sequence()
            pagekeys.shows(request, *(shows(kwargs) if shows else (pagekeys.LISTS,)))
            response = view(request, *args, **kwargs)
            if storable(response):
                add_validators(response, minted_at)
                request.META[PENDING] = token
            return response

        return cached_view

    return decorate


def storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and "private" not in control and "no-store" not in control


def add_validators(response, minted_at):
    if hasattr(response, "render"):
        response.render()  # a TemplateResponse (the sitemaps) renders late otherwise
    # Views with validators of their own (feeds, calendars, sitemaps) keep theirs.
    if "ETag" not in response:
        response.headers["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if "Last-Modified" not in response:
        response.headers["Last-Modified"] = http_date(int(minted_at))
    if "Cache-Control" not in response:
        patch_cache_control(response, public=True, max_age=settings.NEWSROOM_PAGE_MAX_AGE)


def store(key, token, response):
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS
    ]
    entry = {"token": token, "status": response.status_code, "headers": headers}
    entry["body"] = response.content
    cache.set(key, entry, TTL)
    return entry


def entry_headers(entry, conditional):
    if conditional:
        return [(n, v) for n, v in entry["headers"] if n.lower() in VALIDATOR_HEADERS]
    return list(entry["headers"])


class PageCacheMiddleware:
    """Answers stored pages, and stores the finished answers `public_cache` allowed.

    First inside Django (after the request log), so a stored copy holds every header
    the other middleware add, and a hit skips all of them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if LOOKED_UP in request.META:  # the WSGI front found no stored copy
            key = request.META[LOOKED_UP]
        else:
            key = request.META[LOOKED_UP] = entry_key(request.META)
            entry = fresh_entry(key) if key else None
            if entry is None and key:
                entry, request.META[CLAIMED] = claim_or_wait(key)
            if entry is not None:
                return self.answer(request, entry)
        try:
            return self.render(request, key)
        finally:
            if request.META.pop(CLAIMED, False):
                release(key)

    def render(self, request, key):
        if key is not None:
            drop_tracking(request)
        response = self.get_response(request)
        token = request.META.pop(PENDING, None)
        if key is None or token is None or request.method != "GET" or not storable(response):
            return response
        keys = request.META.get(pagekeys.SHOWN) or {pagekeys.LISTS}
        started = request.META.get(pagekeys.STARTED, 0)
        pagekeys.keep(key, keys, started, lambda: store(key, token, response))
        response.headers["X-Cache"] = "MISS"
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )

    def answer(self, request, entry):
        conditional = not_modified(request.META, entry)
        if conditional:
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(entry["body"], status=entry["status"])
            response.headers["X-Cache"] = "HIT"
        for name, value in entry_headers(entry, conditional):
            response.headers[name] = value
        if conditional:
            del response.headers["Content-Type"]
        return response
