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


def last_time(condition, urls, until):
    """When a request (by the time it was sent) last found `condition` true for any of
    `urls`, each polled in turn until `until`; None if none ever did."""
    last = None
    while time.time() < until:
        for url in urls:
            asked = time.time()
            if condition(url):
                last = asked
        time.sleep(0.02)
    return last


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
    # No reader who asked more than 2 s after the withdrawal got the article.
    last_shown = last_time(lambda url: shown(base, url, slug), urls, withdrawn_at + LIMIT + 2)
    assert last_shown is None or last_shown - withdrawn_at <= LIMIT
    assert not any(shown(base, url, slug) for url in urls)
    assert requests.get(base + urls[0]).status_code == 410


def test_a_scheduled_article_is_public_within_2_s_of_its_time(stack):  # noqa: F811
    line = shell(
        stack,
        "import datetime; from django.contrib.auth import get_user_model; "
        "from django.utils import timezone; from articles import workflow; "
        "from articles.models import Article; "
        "a = Article.objects.filter(status='approved', copy_of=None).order_by('pk').last(); "
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
    # Every reader who asked more than 2 s after its time saw it.
    last_hidden = last_time(lambda url: not shown(base, url, slug), urls, due + LIMIT + 2)
    assert last_hidden is not None  # hidden before its time
    assert last_hidden - due <= LIMIT
    assert all(shown(base, url, slug) for url in urls)
