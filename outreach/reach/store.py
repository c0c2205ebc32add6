"""Counters between the beacon and the clock's flush: Redis, or this process's memory.

One view is one call, `record`: it adds to the address's per-minute allowance, to the
visitor's views of that item that day (the first makes the visitor unique, more than
`VIEWS_PER_VISITOR` are not counted), and, when both allow it, to the minute's bucket of
counters keyed "day|item|language|channel". On Redis all of it is one Lua script per view,
and a worker sends its views' scripts in batches (`BATCH_SIZE`, `BATCH_SECONDS`): one
round trip for many views. The flush claims whole past buckets (`claim`: renamed at once,
so a late view starts a new bucket) and then reads and drops its claims; nothing here
stores an address or a browser string, only hashes that expire with the day's salt.

The memory store is for development and tests on SQLite (the local-memory cache): one
process, so its counts are that process's. Production uses Redis (NEWSROOM_SHARED_CACHE).
"""

import atexit
import logging
import os
import secrets
import threading
import time

from django.core.cache import cache
from redis.exceptions import RedisError

log = logging.getLogger("outreach.reach")

# One address may add this many views a minute (readers behind one carrier NAT included).
ADDRESS_PER_MINUTE = 120
# One visitor (salted address + browser) counts at most this many views of an item a day.
VIEWS_PER_VISITOR = 10
# A bucket the flush never took is dropped after this long (the clock was down for days).
BUCKET_TTL = 3 * 24 * 3600
# Each process reads the day's salt from Redis at most this often (not once per view: that
# was a second round trip per view). Redis keeps deciding it: a salt lost with a restarted
# Redis is replaced everywhere within this time.
SALT_MEMO_SECONDS = 60
# A worker sends its views to Redis in batches: one round trip for up to BATCH_SIZE views,
# at least every BATCH_SECONDS (a thread of the worker). A killed worker loses at most
# that half second of its views; a worker that exits normally sends what it holds.
BATCH_SIZE = 50
BATCH_SECONDS = 0.5

# Take a filling bucket for the flush: a view arriving after this starts a new one.
_CLAIM = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('SADD', KEYS[4], ARGV[2])
end
redis.call('SREM', KEYS[3], ARGV[1])
return 1
"""
_RECORD = """
local a = redis.call('INCR', KEYS[1])
if a == 1 then redis.call('EXPIRE', KEYS[1], 120) end
if a > tonumber(ARGV[1]) then return 0 end
local v = redis.call('INCR', KEYS[2])
if v == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
if v > tonumber(ARGV[3]) then return 0 end
redis.call('HINCRBY', KEYS[3], ARGV[4] .. '|v', 1)
if v == 1 then redis.call('HINCRBY', KEYS[3], ARGV[4] .. '|u', 1) end
redis.call('EXPIRE', KEYS[3], ARGV[5])
redis.call('SADD', KEYS[4], ARGV[6])
return 1
"""


class RedisStore:
    def __init__(self, client):
        self.client = client
        self.script = client.register_script(_RECORD)
        self.claim_script = client.register_script(_CLAIM)
        self.memo = ("", "", 0.0)  # (day, salt, read again after: monotonic seconds)
        self.lock = threading.Lock()
        self.pending = []  # (keys, args) of views not sent yet
        self.sender_pid = None
        # cache.make_key once: through the cache's per-thread proxy it costs more than
        # the rest of a view (the key function is the default prefix:version:key).
        self.key_template = cache.make_key("reach:\x00")

    def key(self, name):
        return self.key_template.replace("\x00", name)

    def salt(self, day, ttl):
        memo_day, memo_salt, fresh_until = self.memo
        now = time.monotonic()
        if memo_day == day and now < fresh_until:
            return memo_salt
        key = self.key(f"salt:{day}")
        pipe = self.client.pipeline(transaction=True)  # one MULTI: nothing comes between
        pipe.set(key, secrets.token_hex(16), nx=True, ex=ttl)
        pipe.get(key)
        value = pipe.execute()[1].decode()
        self.memo = (day, value, now + min(SALT_MEMO_SECONDS, ttl))
        return value

    def salt_ttl(self, day):
        return self.client.ttl(self.key(f"salt:{day}"))

    def record(self, address, visitor, visitor_ttl, bucket, field):
        keys = [
            self.key(f"a:{address}"),
            self.key(f"v:{visitor}"),
            self.key(f"b:{bucket}"),
            self.key("buckets"),
        ]
        args = [ADDRESS_PER_MINUTE, visitor_ttl, VIEWS_PER_VISITOR, field, BUCKET_TTL, bucket]
        self._start_sender()
        with self.lock:
            self.pending.append((keys, args))
            full = len(self.pending) >= BATCH_SIZE
        if full:
            self.send()
        return True

    def send(self):
        """Run the pending views' scripts in one pipeline (one round trip, in their order)."""
        with self.lock:
            batch, self.pending = self.pending, []
        if not batch:
            return
        pipe = self.client.pipeline(transaction=False)
        for keys, args in batch:
            self.script(keys=keys, args=args, client=pipe)
        pipe.execute()

    def _start_sender(self):
        """One sending thread per process (a forked worker starts its own)."""
        if self.sender_pid == os.getpid():
            return
        with self.lock:
            if self.sender_pid == os.getpid():
                return
            self.sender_pid = os.getpid()
            self.pending = []  # a fork's copy of its parent's views is the parent's to send
        threading.Thread(target=self._send_every, daemon=True, name="reach-sender").start()
        atexit.register(self._send_quietly)

    def _send_every(self):
        while True:
            time.sleep(BATCH_SECONDS)
            self._send_quietly()

    def _send_quietly(self):
        try:
            self.send()
        except RedisError as error:
            log.warning("reach: views not counted, cache unreachable: %s", error)

    def buckets(self):
        self.send()  # what this process holds belongs to the finished minutes too
        return sorted(name.decode() for name in self.client.smembers(self.key("buckets")))

    def claim(self, bucket):
        self.send()
        name = f"{bucket}.{secrets.token_hex(4)}"
        keys = [self.key(f"b:{bucket}"), self.key(f"c:{name}")]
        keys += [self.key("buckets"), self.key("claims")]
        self.claim_script(keys=keys, args=[bucket, name])

    def claims(self):
        return sorted(name.decode() for name in self.client.smembers(self.key("claims")))

    def read(self, claim):
        raw = self.client.hgetall(self.key(f"c:{claim}"))
        return {field.decode(): int(value) for field, value in raw.items()}

    def drop(self, claim):
        pipe = self.client.pipeline()
        pipe.delete(self.key(f"c:{claim}"))
        pipe.srem(self.key("claims"), claim)
        pipe.execute()


class MemoryStore:
    """The same counters in a dict, for one development process and the SQLite tests."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.values = {}  # key -> (value, expires at)
        self.bucket_counts = {}
        self.claimed = {}

    def _incr(self, key, ttl):
        now = time.monotonic()
        value, expires = self.values.get(key, (0, 0))
        if expires <= now:
            value, expires = 0, now + ttl
        self.values[key] = (value + 1, expires)
        return value + 1

    def salt(self, day, ttl):
        with self.lock:
            key = f"salt:{day}"
            value, expires = self.values.get(key, (None, 0))
            if value is None or expires <= time.monotonic():
                value = secrets.token_hex(16)
                self.values[key] = (value, time.monotonic() + ttl)
            return value

    def salt_ttl(self, day):
        value, expires = self.values.get(f"salt:{day}", (None, 0))
        return -2 if value is None else int(expires - time.monotonic())

    def record(self, address, visitor, visitor_ttl, bucket, field):
        with self.lock:
            if self._incr(f"a:{address}", 120) > ADDRESS_PER_MINUTE:
                return False
            views = self._incr(f"v:{visitor}", visitor_ttl)
            if views > VIEWS_PER_VISITOR:
                return False
            counts = self.bucket_counts.setdefault(bucket, {})
            counts[f"{field}|v"] = counts.get(f"{field}|v", 0) + 1
            if views == 1:
                counts[f"{field}|u"] = counts.get(f"{field}|u", 0) + 1
            self._expire()
            return True

    def _expire(self):
        if len(self.values) > 100_000:  # development only; keep the dict bounded
            now = time.monotonic()
            self.values = {k: v for k, v in self.values.items() if v[1] > now}

    def buckets(self):
        with self.lock:
            return sorted(self.bucket_counts)

    def claim(self, bucket):
        with self.lock:
            counts = self.bucket_counts.pop(bucket, None)
            if counts:
                self.claimed[f"{bucket}.{secrets.token_hex(4)}"] = counts

    def claims(self):
        with self.lock:
            return sorted(self.claimed)

    def read(self, claim):
        with self.lock:
            return dict(self.claimed.get(claim, {}))

    def drop(self, claim):
        with self.lock:
            self.claimed.pop(claim, None)


_memory = MemoryStore()


def current():
    """Redis when the cache is Redis (shared by every worker), else this process's memory."""
    backend = getattr(cache, "_cache", None)
    if backend is not None and hasattr(backend, "get_client"):
        client = backend.get_client(write=True)
        store = getattr(client, "_reach_store", None)
        if store is None:
            store = client._reach_store = RedisStore(client)
        return store
    return _memory


__all__ = ["RedisError", "current"]
