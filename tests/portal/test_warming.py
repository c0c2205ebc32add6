"""After a publication the pages that show the item are rendered before readers ask
(articles/workflow/warming.py), and a page missing from the cache is rendered once."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article, Status
from articles.workflow import warming
from newsroom import pagecache
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_a_publication_warms_home_the_item_its_section_topic_unit_and_the_feeds(
    client, team, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://testserver"
    f.article(owner=team["unit"], title="Kabar lama")
    item = f.article(status=Status.APPROVED, owner=team["unit"], title="Kabar hangat")
    item.tags.add("Vokasi")
    urls = [
        "/",
        item.get_absolute_url(),
        f"/rubrik/{item.section}/",
        "/topik/vokasi/",
        team["unit"].get_absolute_url(),
        "/feed/rss/",
        "/feed.json",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(Article.objects.get(pk=item.pk), team["publisher"])

    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["X-Cache"] == "HIT", url  # rendered by the task, not by the reader
        assert len(captured) == 0, url


def test_the_warming_task_renders_only_the_pages_no_reader_rendered_first(
    client, team, settings, django_capture_on_commit_callbacks
):
    """Its result counts the renders a change cost beside the readers' misses (the mixed
    bench adds the two: one render per page per change)."""
    settings.SITE_URL = "http://testserver"
    item = f.article(status=Status.APPROVED, owner=team["unit"], title="Kabar hangat")
    with django_capture_on_commit_callbacks(execute=False):  # the task comes late
        workflow.publish(Article.objects.get(pk=item.pk), team["publisher"])
    assert client.get("/", HTTP_ACCEPT_ENCODING="gzip")["X-Cache"] == "MISS"  # a reader first

    rendered = warming.warm.call(item._meta.label, item.pk)
    assert "/" not in rendered  # found the reader's copy
    assert item.get_absolute_url() in rendered and "/feed/rss/" in rendered
    assert warming.warm.call(item._meta.label, item.pk) == []  # all stored: nothing rendered


def test_while_one_request_renders_a_page_the_others_wait_for_its_copy():
    key = "page:uji-antre"
    assert pagecache.claim_or_wait(key) == (None, True)  # the first renders

    def renderer_finishes():
        cache.set(pagecache.GENERATION_KEY, ("t", 0.0, None), None)
        cache.set(key, {"token": "t", "status": 200, "headers": [], "body": b"ok"})
        pagecache.release(key)

    threading.Timer(0.1, renderer_finishes).start()
    entry, claimed = pagecache.claim_or_wait(key)  # the second waits, and renders nothing
    assert not claimed and entry["body"] == b"ok"


def test_a_page_whose_renderer_stored_nothing_is_rendered_by_the_next_request():
    key = "page:uji-404"
    assert pagecache.claim_or_wait(key) == (None, True)
    threading.Timer(0.05, pagecache.release, [key]).start()  # a 404: nothing stored
    assert pagecache.claim_or_wait(key) == (None, False)
    assert pagecache.claim_or_wait(key) == (None, True)  # and the claim was free again
