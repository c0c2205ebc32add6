"""The Redis store, as production runs it: one Lua call per view, claims, the salt's life.

Run where REDIS_URL names a Redis (CI on PostgreSQL). Every xdist worker's test empties
that database when it starts and ends, so each test here runs under a sentinel key and
runs again when the sentinel vanished meanwhile.
"""

import os
import time

import pytest
from django.core.cache import cache

from outreach.models import DailyReach
from outreach.reach import store
from tests import factories as f

from .conftest import ADDRESS, PHONE, beacon, flushed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the Redis store needs REDIS_URL"),
]


@pytest.fixture
def reach(settings):
    """Counting on, on the configured Redis (overrides the memory store of conftest)."""
    settings.NEWSROOM_REACH = True


def undisturbed(body, attempts=5):
    """body() until no other worker emptied Redis while it ran."""
    counters = store.current()
    assert isinstance(counters, store.RedisStore)
    sentinel = cache.make_key("reach-test-sentinel")
    for _ in range(attempts):
        for key in counters.client.scan_iter(cache.make_key("reach:*")):
            counters.client.delete(key)
        DailyReach.objects.all().delete()
        counters.client.set(sentinel, 1)
        result = body(counters)
        if counters.client.exists(sentinel):
            return result
    pytest.fail("Redis was emptied during every attempt")


def test_views_visitors_and_limits_through_the_endpoint(client, monkeypatch):
    monkeypatch.setattr(store, "VIEWS_PER_VISITOR", 3)
    monkeypatch.setattr(store, "ADDRESS_PER_MINUTE", 8)
    article = f.article()

    def run(counters):
        for _ in range(5):  # one reader: 3 views count
            beacon(client, f"a{article.pk}", source="whatsapp")
        for n in range(5):  # the same address: 3 more, then its 8 a minute are used up
            beacon(client, f"a{article.pk}", source="whatsapp", ua=f"{PHONE} v{n}")
        counters.send()  # what this worker still holds, as its next batch would
        kept = b"".join(counters.client.keys(cache.make_key("reach:*")))
        for key in counters.client.keys(cache.make_key("reach:*")):
            if counters.client.type(key) == b"hash":
                kept += repr(counters.client.hgetall(key)).encode()
        flushed()
        return kept, list(DailyReach.objects.values_list("channel", "views", "visitors"))

    kept, rows = undisturbed(run)
    assert rows == [("whatsapp", 6, 4)]
    assert ADDRESS.encode() not in kept and b"Android" not in kept


def test_a_view_after_the_claim_waits_for_the_next_flush():
    def run(counters):
        counters.record("addr", "visitor", 60, "100", "2026-06-25|a1|id|direct")
        counters.claim("100")
        counters.record("addr", "visitor2", 60, "100", "2026-06-25|a1|id|direct")
        claims = counters.claims()
        return claims, [counters.read(c) for c in claims], counters.buckets()

    claims, read, buckets = undisturbed(run)
    assert len(claims) == 1 and claims[0].startswith("100.")
    assert read == [{"2026-06-25|a1|id|direct|v": 1, "2026-06-25|a1|id|direct|u": 1}]
    assert buckets == ["100"]  # the late view started the minute's bucket again


def test_the_salt_expires_with_the_day():
    def run(counters):
        first = counters.salt("2026-06-25", 30)
        return (
            first,
            counters.salt("2026-06-25", 30),
            counters.salt_ttl("2026-06-25"),
            (counters.salt("2026-06-26", 30)),
        )

    first, again, ttl, tomorrow = undisturbed(run)
    assert first == again and 0 < ttl <= 30 and tomorrow != first


def test_a_lone_view_reaches_redis_within_the_batch_interval(client):
    """A worker's views wait for a batch at most BATCH_SECONDS: no later view is needed."""
    article = f.article()

    def run(counters):
        beacon(client, f"a{article.pk}", source="x")
        waited = 0.0
        while not counters.client.smembers(counters.key("buckets")) and waited < 3:
            time.sleep(0.05)
            waited += 0.05
        return waited

    waited = undisturbed(run)
    assert waited <= store.BATCH_SECONDS + 0.5


def test_fifty_views_go_in_one_round_trip(client, monkeypatch):
    article = f.article()
    sent = []

    def run(counters):
        original = counters.client.pipeline
        monkeypatch.setattr(
            counters.client, "pipeline", lambda **kw: sent.append(kw) or original(**kw)
        )
        for n in range(store.BATCH_SIZE):
            beacon(client, f"a{article.pk}", ip=f"198.51.100.{n}")
        monkeypatch.undo()
        flushed()
        return list(DailyReach.objects.values_list("views", "visitors"))

    assert undisturbed(run) == [(store.BATCH_SIZE, store.BATCH_SIZE)]
    batches = [kw for kw in sent if kw == {"transaction": False}]
    assert 1 <= len(batches) <= 2  # two if the half-second sender took part of them
