"""Redis down: every page, feed and calendar still answers, and the log says so once."""

import logging

import pytest
from django.urls import reverse

from newsroom import cache as degrading
from tests import factories as f

UNREACHABLE = {
    "default": {
        "BACKEND": "newsroom.cache.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings, monkeypatch):
    settings.CACHES = UNREACHABLE
    # Ask Redis on every call, so each request meets the outage itself.
    monkeypatch.setattr(degrading, "RETRY_AFTER_SECONDS", 0)


@pytest.mark.django_db
def test_public_surfaces_answer_while_redis_is_down(client, redis_down, caplog):
    article = f.article(featured_image=f.image())
    event = f.event()
    urls = [
        "/",
        article.get_absolute_url(),
        event.get_absolute_url(),
        reverse("syndication:rss"),
        reverse("syndication:atom"),
        reverse("syndication:json"),
        reverse("syndication:agenda_ics"),
        reverse("syndication:event_ics", args=[event.slug]),
        "/sitemap.xml",
    ]
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        for _ in range(2):
            for url in urls:
                assert client.get(url).status_code == 200, url
    outage_lines = [r for r in caplog.records if "cache unreachable" in r.getMessage()]
    assert len(outage_lines) == 1


def test_reads_miss_and_writes_are_dropped(redis_down):
    from django.core.cache import cache

    cache.set("k", 1)
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_or_set("k", 2) == 2
    assert cache.add("k", 3) is False
    assert cache.get_many(["k"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_after_a_failure_redis_is_left_alone_for_a_while(settings, monkeypatch):
    settings.CACHES = UNREACHABLE
    from django.core.cache import cache

    cache.get("k")
    calls = []
    monkeypatch.setattr(
        type(cache._cache), "get", lambda *args: calls.append(args) or None, raising=True
    )
    for _ in range(5):
        assert cache.get("k") is None
    assert calls == []


@pytest.mark.django_db
def test_while_redis_is_down_no_request_asks_when_the_next_change_is_due(
    client, redis_down, settings
):
    """Each page is the same work as with no shared cache at all: the due-time queries
    exist only to be kept, and nothing can be kept (a sitemap asked them 18 times)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.NEWSROOM_SHARED_CACHE = True  # as in production, where Redis is configured
    f.article(section="berita")
    f.event()
    for url in ["/sitemap.xml", reverse("articles:section", args=["berita"]), "/"]:
        with CaptureQueriesContext(connection) as captured:
            for _ in range(2):
                assert client.get(url).status_code == 200, url
        due_time_queries = [q["sql"] for q in captured if "MIN(" in q["sql"].upper()]
        assert due_time_queries == [], url
