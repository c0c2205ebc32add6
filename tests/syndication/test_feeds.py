"""RSS, Atom and JSON Feed: what a feed reader receives for every published article."""

import gzip
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Section, Status
from tests import factories as f

pytestmark = pytest.mark.django_db

XML_FEEDS = ["syndication:rss", "syndication:atom"]
ALL_FEEDS = [*XML_FEEDS, "syndication:json"]
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    # Relative URLs are left as sent, so a relative URL in our output fails the test
    # instead of being repaired by the reader.
    return feedparser.parse(response.content, resolve_relative_uris=False, sanitize_html=False)


def rendition(image, label="w960"):
    """The bounded copy feeds send: its URL and its size in bytes."""
    stored = image.renditions[f"{label}.jpg"]
    return image.file.storage.url(stored["name"]), image.file.storage.size(stored["name"])


def full_article(**extra):
    body_picture = f.processed_image(alt_text="Peserta kelas daring")
    writer = f.user(first_name="Rina", last_name="Ayu", initials="RA")
    editor = f.user(first_name="Adi", last_name="Pratama", initials="AP")
    photographer = f.user(first_name="Dewi", last_name="Effendi", initials="DE")
    article = f.article(
        title="Kelas daring pengelolaan media sosial",
        lead="Direktorat Mitras DUDI menggelar kelas daring bagi pengelola media sosial.",
        body=(
            '<p>Peserta dari <a href="/unit/bkhm/">BKHM</a> hadir.</p>'
            '<p><img src="/media/uploads/kelas.jpg" alt="Suasana kelas" '
            'srcset="/media/uploads/kelas-480.jpg 480w, /media/uploads/kelas-960.jpg 960w"></p>'
            '<p><a href="#tanya-jawab">Sesi tanya jawab</a></p>'
            f'<p><img src="{body_picture.file.url}" alt=""></p>'
        ),
        section=Section.SIARAN_PERS,
        featured_image=f.processed_image(alt_text="Layar kelas daring", caption="Sesi pembukaan"),
        writer=writer,
        editor=editor,
        photographer=photographer,
        **extra,
    )
    article.tags.add("media sosial", "SMART")
    return article


def test_rss_item_has_permalink_guid_dates_credits_categories_content_and_enclosure(client):
    article = full_article()
    response = client.get(reverse("syndication:rss"))

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = parse(response)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.language == "id"
    assert feed.feed.link == "http://testserver/"
    assert {"rel": "self", "href": "http://testserver/feed/rss/"}.items() <= {
        **next(link for link in feed.feed.links if link.rel == "self")
    }.items()
    assert parsedate_to_datetime(feed.feed.updated) == article.modified_at.replace(microsecond=0)

    [entry] = feed.entries
    assert entry.id == f"tag:127.0.0.1,{article.created_at.date().isoformat()}:berita/{article.pk}"
    assert entry.guidislink is False
    assert entry.link == f"http://testserver/berita/{article.slug}/"
    assert parsedate_to_datetime(entry.published) == article.publish_at.replace(microsecond=0)
    assert entry.author == "Rina Ayu"
    assert {tag.term for tag in entry.tags} == {"Siaran Pers", "media sosial", "SMART"}
    assert entry.summary == article.lead

    raw = ET.fromstring(response.content).find("channel/item")
    contributors = [el.text for el in raw.findall("{http://purl.org/dc/elements/1.1/}contributor")]
    assert contributors == ["Adi Pratama", "Dewi Effendi"]
    content = raw.find(CONTENT).text
    assert 'href="http://testserver/unit/bkhm/"' in content
    assert 'src="http://testserver/media/uploads/kelas.jpg"' in content
    assert "http://testserver/media/uploads/kelas-960.jpg 960w" in content
    assert f'href="http://testserver/berita/{article.slug}/#tanya-jawab"' in content
    assert not re.search(r'(href|src)="(?!https?://)', content)
    # The whole item as its page reads, pictures as bounded renditions, never the upload.
    assert f"<strong>Jakarta, Ditjen Diksi --</strong> {article.lead}" in content
    assert content.count("(Diksi/RA/AP/DE)") == 1
    assert "images/originals/" not in content
    assert '-w960.jpg" alt="Peserta kelas daring"' in content

    url, size = rendition(article.featured_image)
    [enclosure] = entry.enclosures
    assert enclosure.href == f"http://testserver{url}"
    assert int(enclosure.length) == size > 0
    assert enclosure.type == "image/jpeg"


def test_atom_entry_has_id_rfc3339_dates_authors_and_absolute_content(client):
    article = full_article()
    Article.objects.filter(pk=article.pk).update(
        updated_at=article.publish_at + timedelta(minutes=30)
    )
    article.refresh_from_db()

    response = client.get(reverse("syndication:atom"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse(response)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    self_link = next(link for link in feed.feed.links if link.rel == "self")
    assert self_link.href == "http://testserver/feed/atom/"
    assert ET.fromstring(response.content).get("{http://www.w3.org/XML/1998/namespace}lang") == (
        "id"
    )

    [entry] = feed.entries
    raw = ET.fromstring(response.content).find(f"{ATOM}entry")
    assert entry.id == f"tag:127.0.0.1,{article.created_at.date().isoformat()}:berita/{article.pk}"
    assert entry.link == f"http://testserver/berita/{article.slug}/"
    published = raw.find(f"{ATOM}published").text
    updated = raw.find(f"{ATOM}updated").text
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)", published)
    assert datetime.fromisoformat(published) == article.publish_at
    assert datetime.fromisoformat(updated) == article.updated_at
    assert entry.author == "Rina Ayu"
    assert [person.name for person in entry.contributors] == ["Adi Pratama", "Dewi Effendi"]
    assert {tag.term for tag in entry.tags} == {"Siaran Pers", "media sosial", "SMART"}
    assert entry.summary == article.lead
    [content] = entry.content
    assert content.type == "text/html"
    assert 'src="http://testserver/media/uploads/kelas.jpg"' in content.value
    assert not re.search(r'(href|src)="(?!https?://)', content.value)
    [enclosure] = entry.enclosures
    assert int(enclosure.length) == rendition(article.featured_image)[1]
    assert enclosure.type == "image/jpeg"


def test_json_feed_follows_version_1_1(client):
    article = full_article()

    response = client.get(reverse("syndication:json"))

    assert response["Content-Type"] == "application/feed+json"
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "http://testserver/feed.json"
    assert document["home_page_url"] == "http://testserver/"
    assert document["language"] == "id"
    [item] = document["items"]
    assert item["id"].startswith("tag:127.0.0.1,") and item["id"].endswith(f"/{article.pk}")
    assert item["url"] == f"http://testserver/berita/{article.slug}/"
    assert datetime.fromisoformat(item["date_published"]) == article.publish_at.replace(
        microsecond=0
    )
    assert item["summary"] == article.lead
    assert 'href="http://testserver/unit/bkhm/"' in item["content_html"]
    assert [author["name"] for author in item["authors"]] == [
        "Rina Ayu",
        "Adi Pratama",
        "Dewi Effendi",
    ]
    [attachment] = item["attachments"]
    assert attachment["mime_type"] == "image/jpeg"
    assert attachment["size_in_bytes"] == rendition(article.featured_image)[1]


def test_article_without_credits_is_attributed_to_its_unit(client):
    owner = f.unit(name="Direktorat Kemitraan dan Penyelarasan DUDI")
    f.article(owner=owner)

    entry = parse(client.get(reverse("syndication:atom"))).entries[0]

    assert entry.author == "Direktorat Kemitraan dan Penyelarasan DUDI"


def test_guid_survives_title_and_slug_change(client):
    article = f.article()
    before = parse(client.get(reverse("syndication:atom"))).entries[0]

    article.title = "Judul yang diperbaiki"
    article.slug = "judul-yang-diperbaiki"
    article.save()
    after = parse(client.get(reverse("syndication:atom"))).entries[0]

    assert after.id == before.id
    assert after.title == "Judul yang diperbaiki"
    assert after.link == "http://testserver/berita/judul-yang-diperbaiki/"


@pytest.mark.parametrize("name", XML_FEEDS)
def test_corrected_article_shows_new_updated_time_and_the_correction(client, name):
    article = f.article()
    first = parse(client.get(reverse(name))).entries[0]

    noted = timezone.now() + timedelta(minutes=5)
    Correction.objects.create(article=article, noted_at=noted, text="Jumlah peserta 43 orang.")
    second = parse(client.get(reverse(name))).entries[0]

    assert second.id == first.id
    assert second.updated_parsed > first.updated_parsed
    assert "Jumlah peserta 43 orang." in second.content[0].value
    assert "Ralat" in second.content[0].value


@pytest.mark.parametrize("name", ALL_FEEDS)
def test_conditional_get_round_trip_with_etag_and_last_modified(client, name):
    article = f.article()
    url = reverse(name)

    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=1" in first["Cache-Control"]

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == etag
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert by_date.status_code == 304
    assert by_date.content == b""

    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def test_gzip_when_asked_and_weak_etag_still_matches(client):
    for _ in range(3):
        f.article()

    response = client.get(reverse("syndication:rss"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert feedparser.parse(gzip.decompress(response.content)).entries
    again = client.get(
        reverse("syndication:rss"), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_not_modified_answer_costs_one_query(client, django_assert_num_queries):
    f.article()
    etag = client.get(reverse("syndication:rss"))["ETag"]

    with django_assert_num_queries(1):
        assert client.get(reverse("syndication:rss"), HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("name", ALL_FEEDS)
def test_query_count_does_not_grow_with_items(client, name):
    owner = f.unit()

    def make(n):
        for _ in range(n):
            article = f.article(
                owner=owner, featured_image=f.image(), writer=f.user(first_name="Rina")
            )
            article.tags.add("media sosial", f"topik {article.pk}")
            Correction.objects.create(article=article, text="Ralat kecil.")

    def count():
        cache.clear()  # measure a full render, not the cached body
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    make(2)
    client.get(reverse(name))  # warm caches that are not per request (content types)
    small = count()
    make(10)
    assert count() == small == 5  # validators, articles, tags, corrections, credited staff
    response = client.get(reverse(name))
    if name.endswith("json"):
        assert len(json.loads(response.content)["items"]) == 12
    else:
        assert len(parse(response).entries) == 12


def test_twenty_newest_items_by_default(client):
    owner = f.unit()
    now = timezone.now()
    articles = [f.article(owner=owner, publish_at=now - timedelta(hours=n)) for n in range(1, 26)]

    feed = parse(client.get(reverse("syndication:rss")))

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/berita/{article.slug}/" for article in articles[:20]
    ]


@pytest.mark.parametrize("name", ALL_FEEDS)
def test_unpublished_items_are_in_no_feed(client, name):
    live = f.article()
    hidden = [
        f.article(status=status, publish_at=timezone.now() - timedelta(days=1))
        for status in Status.values
        if status != Status.PUBLISHED
    ]
    hidden.append(f.article(publish_at=timezone.now() + timedelta(hours=1)))  # scheduled
    hidden.append(f.article(slug=live.slug + "-draf", copy_of=live))  # pending copy

    body = client.get(reverse(name)).content.decode()

    assert live.title in body
    for article in hidden:
        assert article.title not in body


def test_withdrawn_article_leaves_the_feed(client):
    article = f.article()
    first = client.get(reverse("syndication:rss"))
    assert len(parse(first).entries) == 1

    Article.objects.filter(pk=article.pk).update(status=Status.WITHDRAWN)
    second = client.get(reverse("syndication:rss"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert parse(second).entries == []


def test_feed_links_use_the_host_the_reader_asked(client, settings):
    settings.ALLOWED_HOSTS = ["vokasi.kemdikbud.go.id"]
    article = f.article()

    response = client.get(
        reverse("syndication:atom"), HTTP_HOST="vokasi.kemdikbud.go.id", secure=True
    )
    feed = parse(response)

    self_link = next(link for link in feed.feed.links if link.rel == "self")
    assert self_link.href == "https://vokasi.kemdikbud.go.id/feed/atom/"
    assert feed.entries[0].link == f"https://vokasi.kemdikbud.go.id/berita/{article.slug}/"
    assert b"testserver" not in response.content and b"example.com" not in response.content


def test_feeds_answer_only_reads(client):
    f.article()

    assert client.post(reverse("syndication:rss")).status_code == 405
    assert client.post(reverse("syndication:json")).status_code == 405
    assert client.head(reverse("syndication:atom")).status_code == 200


def test_edited_photo_caption_reaches_a_reader_polling_with_its_etag(client):
    """The picture is part of each entry, so editing it is a change readers must get."""
    image = f.processed_image(caption="Sesi pembukaan")
    f.article(featured_image=image)
    first = client.get(reverse("syndication:rss"))

    image.caption = "Sesi pembukaan kelas daring"
    image.save()
    second = client.get(reverse("syndication:rss"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert "Sesi pembukaan kelas daring" in parse(second).entries[0].content[0].value


@pytest.mark.parametrize("then", ["withdrawn", "withdrawn and back to draft"])
def test_withdrawn_newest_article_leaves_readers_that_poll_by_date_only(client, then):
    """Some readers send only If-Modified-Since; a removal must move Last-Modified too."""
    older = f.article(publish_at=timezone.now() - timedelta(days=2))
    Article.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=2))
    newest = f.article(first_published_at=timezone.now() - timedelta(hours=1))
    Article.objects.filter(pk=newest.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    first = client.get(reverse("syndication:rss"))
    assert len(parse(first).entries) == 2

    Article.objects.filter(pk=newest.pk).update(
        status=Status.WITHDRAWN if then == "withdrawn" else Status.DRAFT,
        updated_at=timezone.now(),
    )
    second = client.get(reverse("syndication:rss"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert second.status_code == 200
    assert [entry.title for entry in parse(second).entries] == [older.title]
    again = client.get(reverse("syndication:rss"), HTTP_IF_MODIFIED_SINCE=second["Last-Modified"])
    assert again.status_code == 304
