"""A Redis cache that degrades to no cache while Redis is unreachable.

The cache only saves work: a Redis outage must make pages slower, never make them fail.
Every operation that cannot reach Redis behaves like a miss (reads return the default,
writes do nothing), the outage is logged once when it starts and once when it ends, and
for a few seconds after a failure Redis is not even asked, so a request never waits on a
connection timeout more than once per pause.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

# How long Redis is left alone after a failure before the next request tries it again.
RETRY_AFTER_SECONDS = 5.0


class _Outage:
    """Per process: since when Redis failed (None while it answers), logged once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None
        self.next_try = 0.0

    def skip(self):
        return self.down_since is not None and time.monotonic() < self.next_try

    def failed(self, error):
        with self.lock:
            self.next_try = time.monotonic() + RETRY_AFTER_SECONDS
            if self.down_since is None:
                self.down_since = time.monotonic()
                logger.error("cache unreachable, serving uncached until it is back: %s", error)

    def answered(self):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                seconds = time.monotonic() - self.down_since
                self.down_since = None
                logger.warning("cache reachable again after %.0f s", seconds)


def unreachable(cache):
    """Whether `cache` is a Redis this process last found down (never for other caches).

    While it is, nothing can be stored or found, so work whose only purpose is to be kept
    (the content generation's next due time, say) is not worth doing.
    """
    outage = getattr(cache, "outage", None)
    return outage is not None and outage.down_since is not None


def _degrading(name, fallback):
    method = getattr(RedisCache, name)

    def wrapper(self, *args, **kwargs):
        if self.outage.skip():
            return fallback(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except RedisError as error:
            self.outage.failed(error)
            return fallback(*args, **kwargs)
        self.outage.answered()
        return result

    wrapper.__name__ = name
    wrapper.__doc__ = method.__doc__
    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty_dict(*args, **kwargs):
    return {}


def _no_failures(data, *args, **kwargs):
    return list(data)  # set_many's contract: the keys that were not stored


def _missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found")  # what incr/decr say of a missing key


class ReusedClients(RedisCacheClient):
    """Django's client makes a redis-py client per operation, building its reply table
    each time, a cost paid on every cached page; one client per pool serves all.
    A redis-py client is safe to share: each command borrows a pool connection."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    """Django's Redis cache, except that an unreachable Redis is a miss, not an error."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self.outage = _Outage()

    def ping(self):
        """For /readyz: raises when Redis does not answer, whatever the outage state."""
        self._cache.get_client(write=True).ping()

    get = _degrading("get", _default)
    get_many = _degrading("get_many", _empty_dict)
    has_key = _degrading("has_key", _false)
    add = _degrading("add", _false)
    set = _degrading("set", _nothing)
    set_many = _degrading("set_many", _no_failures)
    touch = _degrading("touch", _false)
    delete = _degrading("delete", _false)
    delete_many = _degrading("delete_many", _nothing)
    incr = _degrading("incr", _missing)
    clear = _degrading("clear", _nothing)
