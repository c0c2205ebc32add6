"""Surrogate keys: each stored page names what it shows, and a change purges those pages.

In the manner of Varnish's xkey and Fastly's Surrogate-Key: a page is stored with the
keys of what it shows ("article:<slug>", "tag:<slug>", "lists" for every list of
items), and publishing, correcting or withdrawing one item purges the pages under that
item's keys, not the whole site (what an item's keys are is the content model's
business: `articles/models/page_keys.py`). A rename of a shared thing, a scheduled time,
an event's start or end still move the whole content generation (`pagecache`).

Each key holds the set of the page entries stored under it (a Redis set; a set in this
process's memory with any other cache). A purge can race a render that began before it
and stores after it, so every purge also takes a number from one counter and writes it
against its keys; a render notes the counter before it starts (`sequence()`), and after
storing takes its page back if any of its keys was purged since. The two orders
(index, write, check; against number, then empty the sets) leave no gap between them.
"""

import threading

from django.core.cache import cache
from redis.exceptions import RedisError

# The key of every page that names nothing narrower: home, archives, search, the
# agenda, site-wide feeds, calendars and sitemaps. Every item's change purges it.
LISTS = "lists"
# request.META: the keys a view added (`shows()`), and the counter when it began.
SHOWN = "newsroom.page_shows"
STARTED = "newsroom.page_started"
SEQUENCE_KEY = "page-purges"
_SET = "shows:"
_PURGED = "purged:"
# Sets outlive the entries they name (pagecache.TTL) by a margin, then go by themselves.
SET_TTL = 2 * 3600


def shows(request, *keys):
    """Note that the page being rendered shows `keys` (besides its route's)."""
    request.META.setdefault(SHOWN, set()).update(keys)


def sequence():
    """The purge counter now (0 before the first purge)."""
    return cache.get(SEQUENCE_KEY) or 0


def keep(entry_key, keys, started, write):
    """Store a page under `keys`: index it, `write()` it, then take it back if one of its
    keys was purged after its render began (counter `started`). True if it stayed."""
    if not _index(keys, entry_key):
        return False
    write()
    purged = cache.get_many([_PURGED + key for key in keys])
    if any(number > started for number in purged.values()):
        cache.delete(entry_key)
        return False
    return True


def purge(keys):
    """Make every page stored under any of `keys` unreachable, on every server."""
    keys = sorted(set(keys))
    if not keys:
        return
    cache.add(SEQUENCE_KEY, 0, None)
    try:
        number = cache.incr(SEQUENCE_KEY)
    except ValueError:
        return  # the cache is unreachable: nothing can be found in it either
    cache.set_many({_PURGED + key: number for key in keys}, SET_TTL)
    entries = _pop(keys)
    if entries:
        cache.delete_many(entries)


def _redis():
    """The Redis client under the cache (None for any other cache)."""
    if getattr(cache, "outage", None) is None:
        return None
    return cache._cache.get_client(write=True)


# With a cache other than Redis (development, tests): the sets of this process.
_local_sets = {}
_local_lock = threading.Lock()


def _index(keys, entry_key):
    client = _redis()
    if client is None:
        with _local_lock:
            for key in keys:
                _local_sets.setdefault(cache.make_key(_SET + key), set()).add(entry_key)
        return True
    if cache.outage.skip():
        return False
    try:
        pipe = client.pipeline(transaction=False)
        for key in keys:
            name = cache.make_key(_SET + key)
            pipe.sadd(name, entry_key)
            pipe.expire(name, SET_TTL)
        pipe.execute()
    except RedisError as error:
        cache.outage.failed(error)
        return False
    return True


def _pop(keys):
    """Every entry stored under `keys`, the sets emptied in the same step."""
    names = [cache.make_key(_SET + key) for key in keys]
    client = _redis()
    if client is None:
        with _local_lock:
            return set().union(*(_local_sets.pop(name, set()) for name in names))
    try:
        pipe = client.pipeline(transaction=True)
        for name in names:
            pipe.smembers(name)
        pipe.delete(*names)
        found = pipe.execute()[:-1]
    except RedisError as error:
        cache.outage.failed(error)
        return set()
    return {member.decode() for members in found for member in members}
