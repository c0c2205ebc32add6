"""A reader subscribes to a work unit's feed, the unit publishes, the news arrives.

Most tests publish by setting the fields the workflow sets (status, publish time, first
publication time); the last one goes through the workflow functions, as staff do.
"""

import urllib.request
from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Status
from tests import factories as f
from units.roles import EDITOR, PUBLISHER, ROLES, WRITER


def publish(article, at=None):
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        status=Status.PUBLISHED,
        publish_at=at or now,
        first_published_at=at or now,
        updated_at=now,
    )


@pytest.mark.django_db
def test_subscriber_sees_new_unit_article_after_a_conditional_poll(client):
    unit = f.unit(name="Direktorat Kemitraan dan Penyelarasan DUDI", abbreviation="Mitras DUDI")
    f.article(owner=unit, title="Berita lama", publish_at=timezone.now() - timedelta(days=2))
    url = reverse("syndication:unit_atom", kwargs={"slug": unit.slug})

    first = client.get(url)
    subscribed = feedparser.parse(first.content)
    assert [entry.title for entry in subscribed.entries] == ["Berita lama"]
    assert subscribed.feed.title.endswith("Direktorat Kemitraan dan Penyelarasan DUDI")

    # Nothing new yet: the reader's next poll costs nothing.
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    draft = f.article(owner=unit, status=Status.DRAFT, title="Kelas daring media sosial")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    publish(draft)
    second = client.get(
        url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert second.status_code == 200
    polled = feedparser.parse(second.content)
    assert [entry.title for entry in polled.entries] == ["Kelas daring media sosial", "Berita lama"]
    assert {entry.id for entry in subscribed.entries} < {entry.id for entry in polled.entries}

    assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


@pytest.mark.django_db
def test_scheduled_article_arrives_when_its_time_comes(client):
    unit = f.unit()
    url = reverse("syndication:unit_rss", kwargs={"slug": unit.slug})
    scheduled = f.article(owner=unit, publish_at=timezone.now() + timedelta(hours=1))

    first = client.get(url)
    assert feedparser.parse(first.content).entries == []

    # The clock reaches the publish time: nothing but the time moves.
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert [entry.title for entry in feedparser.parse(second.content).entries] == [scheduled.title]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_feed_reader_library_polls_over_real_http(live_server):
    """feedparser does its own HTTP here, sending back the ETag and date it was given."""
    unit = f.unit()
    f.article(owner=unit, title="Berita pertama")
    url = live_server.url + reverse("syndication:unit_rss", kwargs={"slug": unit.slug})

    first = feedparser.parse(url)
    assert first.status == 200
    assert [entry.title for entry in first.entries] == ["Berita pertama"]
    assert first.etag and first.modified

    unchanged = feedparser.parse(url, etag=first.etag, modified=first.modified)
    assert unchanged.status == 304
    assert unchanged.entries == []

    second = f.article(owner=unit, status=Status.DRAFT, title="Berita kedua")
    publish(second)
    changed = feedparser.parse(url, etag=first.etag, modified=first.modified)
    assert changed.status == 200
    assert [entry.title for entry in changed.entries] == ["Berita kedua", "Berita pertama"]
    assert changed.entries[0].link == f"{live_server.url}/berita/{second.slug}/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unit_news_and_event_published_through_the_workflow_reach_feed_and_calendar(
    live_server,
):
    """A reader follows a unit in a feed reader and the agenda in a calendar app, over HTTP;
    the unit's staff take an article and an event through the editorial workflow."""
    # A transactional test starts from a flushed database: the migration's groups are gone.
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    unit = f.unit()
    writer = f.user(units=[unit], groups=[WRITER])
    editor = f.user(units=[unit], groups=[EDITOR])
    publisher = f.user(groups=[PUBLISHER])
    feed_url = live_server.url + reverse("syndication:unit_atom", kwargs={"slug": unit.slug})
    agenda_url = live_server.url + reverse("syndication:agenda_ics")

    def fetch_agenda(etag=None):
        request = urllib.request.Request(agenda_url, headers={"If-None-Match": etag or ""})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, response.headers["ETag"], response.read()
        except urllib.error.HTTPError as error:  # urllib raises on 304
            return error.code, error.headers["ETag"], error.read()

    subscribed = feedparser.parse(feed_url)
    assert subscribed.status == 200 and subscribed.entries == []
    status, agenda_etag, body = fetch_agenda()
    assert status == 200 and icalendar.Calendar.from_ical(body).walk("VEVENT") == []

    article = f.article(owner=unit, status=Status.DRAFT, title="Magang bersama industri")
    event = f.event(owner=unit, status=Status.DRAFT, title="Temu mitra industri")
    for item in (article, event):
        workflow.submit(item, writer)
        workflow.approve(item, editor)
    # Approved is not published: the next polls cost nothing and show nothing new.
    assert feedparser.parse(feed_url, etag=subscribed.etag).status == 304
    assert fetch_agenda(agenda_etag)[0] == 304
    for item in (article, event):
        workflow.publish(item, publisher)

    polled = feedparser.parse(feed_url, etag=subscribed.etag, modified=subscribed.get("modified"))
    assert polled.status == 200
    [entry] = polled.entries
    assert entry.title == "Magang bersama industri"
    assert entry.link == f"{live_server.url}/berita/{article.slug}/"
    status, _, body = fetch_agenda(agenda_etag)
    assert status == 200
    [vevent] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Temu mitra industri"
    assert str(vevent["UID"]) == f"kegiatan-{event.pk}@127.0.0.1"
