"""What leaves, leaves everywhere within 2 s: through the shipped nginx micro-cache in front
of two gunicorn servers, a withdrawn article is gone from its page and every feed, and a
scheduled one is public, within 2 s (docs/caching.md).

Readers keep asking throughout, so nginx always holds a fresh copy to be wrong with.
"""

import time

import requests

from .test_stack import redis_server, shell, stack  # noqa: F401 (fixtures)

LIMIT = 2.0
FEEDS = ["/feed/rss/", "/feed/atom/", "/feed.json"]


def shown(base, url, slug):
    response = requests.get(base + url, timeout=10)
    return response.status_code == 200 and slug in response.text


def first_time(condition, urls, deadline):
    """When `condition(url)` had come true for the last of `urls` (each polled in turn;
    a url's time is when the request that found it true was sent), or None."""
    found = {}
    while len(found) < len(urls) and time.time() < deadline:
        for url in urls:
            asked = time.time()
            if url not in found and condition(url):
                found[url] = asked
        time.sleep(0.02)
    return max(found.values()) if len(found) == len(urls) else None


def test_a_withdrawn_article_leaves_its_page_and_every_feed_within_2_s(stack):  # noqa: F811
    pk, slug, section = shell(
        stack,
        "from articles.models import Article; "
        "a = Article.objects.published().order_by('-publish_at', '-pk').first(); "
        "print(a.pk, a.slug, a.section)",
    ).split()
    base = stack["nginx"]
    urls = [f"/berita/{slug}/", "/", *FEEDS, f"/rubrik/{section}/feed/rss/"]
    for url in urls:
        assert shown(base, url, slug), url

    withdrawn_at = float(
        shell(
            stack,
            "import time; from django.contrib.auth import get_user_model; "
            "from articles import workflow; from articles.models import Article; "
            "who = get_user_model().objects.get(username='admin'); "
            f"workflow.withdraw(Article.objects.get(pk={pk}), who, 'Uji penarikan'); "
            "print(time.time())",
        )
    )
    gone = first_time(lambda url: not shown(base, url, slug), urls, withdrawn_at + 10)
    assert gone is not None, "still public 10 s after the withdrawal"
    assert gone - withdrawn_at <= LIMIT
    assert requests.get(base + urls[0]).status_code == 410


def test_a_scheduled_article_is_public_within_2_s_of_its_time(stack):  # noqa: F811
    line = shell(
        stack,
        "import datetime; from django.contrib.auth import get_user_model; "
        "from django.utils import timezone; from articles import workflow; "
        "from articles.models import Article; "
        "a = Article.objects.filter(status='approved', draft_of=None).order_by('pk').last(); "
        "who = get_user_model().objects.get(username='admin'); "
        "at = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=12); "
        "workflow.schedule(a, who, at); print(a.slug, a.section, at.timestamp())",
    )
    slug, section, due = line.split()
    due = float(due)
    base = stack["nginx"]
    urls = [f"/berita/{slug}/", "/", "/feed/rss/", f"/rubrik/{section}/"]
    assert time.time() < due, "the shell took longer than the lead time"
    for url in urls:
        assert not shown(base, url, slug), url  # not before its time ...
    visible = first_time(lambda url: shown(base, url, slug), urls, due + 15)
    assert visible is not None, "not public 15 s after its time"
    assert visible >= due - 0.05  # ... (the clock of one machine)
    assert visible - due <= LIMIT
