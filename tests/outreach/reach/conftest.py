import json
from datetime import timedelta

import pytest
from django.utils import timezone

from outreach.reach import store
from outreach.reach.flush import flush

PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def reach(settings, local_cache):
    """Counting on, in this process's memory: with Redis (CI on PostgreSQL) every xdist
    worker's test empties the one shared database when it starts and ends, which would
    take counters from under these tests. The Redis store has its own tests
    (test_redis_store.py), which notice such a flush and run again."""
    settings.NEWSROOM_REACH = True
    store.MemoryStore.clear(store._memory)
    yield
    store.MemoryStore.clear(store._memory)


def beacon(client, item, language="id", source="", referrer="", ua=PHONE, ip=ADDRESS, **extra):
    """One beacon as the script sends it: a text/plain JSON body, posted after load."""
    body = {"i": item, "l": language, "s": source, "r": referrer}
    body.update(extra.pop("body", {}))
    return client.post(
        "/r",
        data=json.dumps(body),
        content_type="text/plain;charset=UTF-8",
        HTTP_USER_AGENT=ua,
        REMOTE_ADDR=ip,
        **extra,
    )


def flushed():
    """The clock's flush, a minute on (the current minute's bucket is still filling)."""
    return flush(now=timezone.now() + timedelta(minutes=1))
