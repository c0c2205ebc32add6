"""Surrogate keys on the configured cache (Redis sets when REDIS_URL is set): a purge finds
every page stored under a key, and a page rendered before a purge is not kept after it."""

import os
import uuid

import pytest
from django.core.cache import cache

from newsroom import pagekeys


@pytest.fixture(autouse=True)
def _own_redis_database(settings):
    """With Redis, these tests read its sets directly: on a database of this xdist worker's
    own, which no other worker's flush (every test clears its cache) can empty meanwhile."""
    shared = settings.CACHES["default"]
    if "redis" not in shared["BACKEND"].lower():
        return
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    location = shared["LOCATION"].rsplit("/", 1)[0] + f"/{1 + worker % 8}"
    settings.CACHES = {"default": {**shared, "LOCATION": location}}
    cache.clear()


def names():
    run = uuid.uuid4().hex  # workers sharing one Redis never meet
    return f"page:{run}", f"article:{run}", f"tag:{run}"


def test_a_purge_removes_every_page_stored_under_any_of_its_keys():
    page, article, tag = names()
    other = page + "-lain"
    started = pagekeys.sequence()
    assert pagekeys.keep(page, {article, tag}, started, lambda: cache.set(page, "a"))
    assert pagekeys.keep(other, {tag}, started, lambda: cache.set(other, "b"))
    redis = pagekeys._redis()
    if redis is not None:  # on Redis the index is a set every server shares
        members = redis.smembers(cache.make_key("shows:" + tag))
        assert {m.decode() for m in members} == {page, other}

    pagekeys.purge([article])
    assert cache.get(page) is None and cache.get(other) == "b"
    pagekeys.purge([tag])
    assert cache.get(other) is None


def test_a_page_rendered_before_a_purge_is_not_kept_after_it():
    page, article, _ = names()
    started = pagekeys.sequence()
    pagekeys.purge([article])  # committed while the page was rendering

    assert not pagekeys.keep(page, {article}, started, lambda: cache.set(page, 1))
    assert cache.get(page) is None
    # A render that began after the purge is kept, and the next purge finds it.
    started = pagekeys.sequence()
    assert pagekeys.keep(page, {article}, started, lambda: cache.set(page, 1))
    assert cache.get(page) == 1
    pagekeys.purge([article])
    assert cache.get(page) is None
