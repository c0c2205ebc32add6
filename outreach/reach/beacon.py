"""The beacon's endpoint, answered before Django's handler, or first among its middleware.

The deployed WSGI application (`newsroom.pagefront`) hands a request for
NEWSROOM_REACH_BEACON_PATH to `answer_wsgi` (named by its dotted path in
NEWSROOM_REACH_BEACON_WSGI, so the newsroom package imports no outreach module): no
request signals, middleware chain or response object for a count. Any other way in (the
test client, ASGI) meets `BeaconMiddleware`, listed first in MIDDLEWARE after the
forwarded-header guard, doing the same. A POST to
NEWSROOM_REACH_BEACON_PATH is read here and answered 204 at once: no session, no CSRF,
no URL resolution, no database. Whatever is wrong with it (a GET, a huge or garbled body,
an unknown item, a robot, a prefetch, another site's page, a flood from one address) is
dropped with the same empty 204, so a forger learns nothing and no error page is built.
Every other request passes through untouched.
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils import timezone

from units.security.lockout import client_ip

from . import channels, items, store, visitors

log = logging.getLogger("outreach.reach")
MAX_BODY = 2048
MAX_FIELD = 512


def _answer():
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _host(url):
    if not isinstance(url, str) or len(url) > MAX_FIELD:
        return ""
    try:
        return (urlsplit(url).hostname or "")[:253]
    except ValueError:
        return ""


def _payload(request):
    """The beacon's JSON object, or None when it is not one we accept."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_BODY:
        return None
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _same_site(request, own_host):
    """A beacon from a page of another site (its Origin says so) is not ours to count."""
    origin = request.META.get("HTTP_ORIGIN")
    return not origin or _host(origin) == own_host


def view_of(request):
    """(item key, language, channel) of a countable beacon, else None."""
    meta = request.META
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") + meta.get("HTTP_PURPOSE", ""):
        return None
    if visitors.is_bot(meta.get("HTTP_USER_AGENT", "")):
        return None
    data = _payload(request)
    if data is None or not items.valid(data.get("i")):
        return None
    language = data.get("l")
    if language not in dict(settings.LANGUAGES):
        return None
    try:
        own_host = request.get_host().split(":")[0].lower()
    except DisallowedHost:
        return None
    if not _same_site(request, own_host):
        return None
    source = data.get("s") if isinstance(data.get("s"), str) else ""
    channel = channels.classify(source[:64], _host(data.get("r")), own_host)
    return data["i"], language, channel


def record(request, view, now=None):
    """Add one view to the counters (on Redis: queued for the worker's next batch)."""
    item, language, channel = view
    now = now or timezone.now()
    day = visitors.today(now)
    ttl = visitors.seconds_left(now)
    counters = store.current()
    salt = counters.salt(day.isoformat(), ttl)
    address = client_ip(request)
    site = request.get_host()
    browser = request.META.get("HTTP_USER_AGENT", "")[:MAX_FIELD]
    visitor = visitors.digest(salt, site, address, browser)
    minute = int(now.timestamp() // 60)
    return counters.record(
        address=visitors.digest(salt, address, str(minute)),
        visitor=f"{visitor}:{item}",
        visitor_ttl=ttl,
        bucket=str(minute),
        field=f"{day.isoformat()}|{item}|{language}|{channel}",
    )


def count(request):
    """Count the beacon `request` if it is one to count; never raises for the cache."""
    if request.method == "POST" and settings.NEWSROOM_REACH:
        view = view_of(request)
        if view is not None:
            try:
                record(request, view)
            except store.RedisError as error:  # counting is never worth an error page
                log.warning("reach: view not counted, cache unreachable: %s", error)


def answer_wsgi(environ, start_response):
    """The beacon answered in the WSGI application itself (`newsroom.pagefront`), before
    Django's handler: no request signals, middleware or response object for a count."""
    try:
        count(WSGIRequest(environ))
    except Exception:  # a count is never worth an error page; the log says what went wrong
        log.exception("reach: beacon dropped")
    start_response("204 No Content", [("Cache-Control", "no-store")])
    return [b""]


class BeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = settings.NEWSROOM_REACH_BEACON_PATH

    def __call__(self, request):
        if request.path_info != self.path:
            return self.get_response(request)
        count(request)
        return _answer()
