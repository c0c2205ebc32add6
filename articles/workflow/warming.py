"""Pages rendered before readers ask: after a publication, correction or withdrawal.

A change purges the pages that show the item (`newsroom.pagekeys`); the first reader of
each would render it. Instead, a listener on the domain events enqueues `warm`, which
renders the home page, the item's page, the first pages of its section, topics, units,
speakers and event, and the site-wide feeds through the ordinary request path, so the
page cache stores them as a reader's request would. Readers who come first are not
harmed: one render per page (`pagecache.claim_or_wait`) whoever asks first.

Placed in the workflow because the domain events are its signal; the public surfaces
(`portal`, `syndication`) may not import the workflow, and need not: pages are reached
by address (`reverse`) and rendered by Django's own handler, never imported.
"""

import io
import logging
import sys
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django_tasks import task

from newsroom import pagecache
from newsroom.pagekeys import LISTS

from ..models import Article, page_keys
from . import events

logger = logging.getLogger(__name__)

WARMED = (events.PUBLISHED, events.CORRECTED, events.WITHDRAWN, events.EMBARGO_LIFTED)
# Bounded work: an item with many topics and units warms this many pages at most.
MOST = 40
SITE_WIDE = ("syndication:rss", "syndication:atom", "syndication:json")
# A key's kind -> (route, the route's argument).
ROUTES = {
    "article": ("articles:article", "slug"),
    "event": ("articles:event", "slug"),
    "section": ("articles:section", "section"),
    "tag": ("articles:tag", "slug"),
    "unit": ("articles:unit", "slug"),
    "speaker": ("articles:speaker", "slug"),
}


@receiver(events.domain_event, dispatch_uid="warm-pages")
def _changed(sender, event, item, **kwargs):
    if sender in WARMED and item is not None:
        label, pk = item._meta.label, item.pk
        transaction.on_commit(lambda: warm.enqueue(label, pk))


@task()
def warm(label, pk):
    """Render the pages that show item `pk` of model `label`; the addresses it rendered.

    A page a reader rendered first is answered from the cache and left out, so the result
    (kept with the task) counts the renders the change cost beside the readers' misses.
    """
    if not pagecache.is_enabled():
        return []  # nothing would be kept
    item = apps.get_model(label)._base_manager.filter(pk=pk).first()
    if item is None:
        return []
    found = addresses(page_keys.of_item(item), is_article=isinstance(item, Article))
    return [address for address in found if _render(address)]


def addresses(keys, is_article=True):
    """The Indonesian addresses of the first pages under `keys`, home first."""
    with translation.override(settings.LANGUAGE_CODE):
        found = ["/"] if LISTS in keys else []
        if LISTS in keys:
            found += [reverse(name) for name in SITE_WIDE]
            if not is_article:
                found.append(reverse("articles:events"))
        for key in sorted(keys - {LISTS}):
            kind, _, value = key.partition(":")
            route, argument = ROUTES[kind]
            try:
                found.append(reverse(route, kwargs={argument: value}))
            except NoReverseMatch:
                continue  # a slug no address can carry: no page to warm
    return found[:MOST]


def _render(path):
    """GET `path` as a reader of SITE_URL would, through every middleware (so the page
    cache stores it); True if this request rendered it (a miss), not found it stored."""
    site = urlsplit(settings.SITE_URL)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": site.netloc,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": next(iter(settings.NEWSROOM_TRUSTED_PROXIES), "127.0.0.1"),
        "wsgi.url_scheme": site.scheme or "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if settings.SECURE_PROXY_SSL_HEADER and site.scheme == "https":
        header, value = settings.SECURE_PROXY_SSL_HEADER
        environ[header] = value
    # Django's handler without its request signals: they would close the task's database
    # connection (and, inside a test's transaction, the test's).
    response = _handler().get_response(WSGIRequest(environ))
    if response.status_code != 200:
        logger.info("warming %s answered %s", path, response.status_code)
    return response.status_code == 200 and response.get("X-Cache") == "MISS"


_handlers = []


def _handler():
    if not _handlers:
        handler = BaseHandler()
        handler.load_middleware()
        _handlers.append(handler)
    return _handlers[0]
