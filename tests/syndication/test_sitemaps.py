"""sitemap.xml, the Google News sitemap and robots.txt, as a search engine reads them."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from urllib.robotparser import RobotFileParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone

from articles.models import Article, Section, Status, freshness
from articles.syndication.sitemaps import NewsroomSitemap
from tests import factories as f

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def urlset(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SM}urlset"
    return {
        url.find(f"{SM}loc").text: (
            datetime.fromisoformat(url.find(f"{SM}lastmod").text)
            if url.find(f"{SM}lastmod") is not None
            else None
        )
        for url in root.findall(f"{SM}url")
    }


def public_site(abbreviation="Mitras DUDI"):
    """One published item of each kind, each touching a unit, a tag, a section, a speaker."""
    unit = f.unit(abbreviation=abbreviation)
    speaker = f.speaker(name="Novan Putranto")
    article = f.article(owner=unit, section=Section.SIARAN_PERS)
    article.tags.add("media sosial")
    article.speakers.add(speaker)
    Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at + timedelta(hours=2))
    article.refresh_from_db()
    event = f.event(owner=unit)
    return article, event, unit, speaker


def test_sitemap_lists_every_public_page_with_its_real_modified_time(client):
    article, event, unit, speaker = public_site()

    urls = urlset(client.get("/sitemap.xml"))

    base = "http://testserver"
    assert urls[f"{base}/berita/{article.slug}/"] == article.modified_at.replace(microsecond=0)
    assert urls[f"{base}/agenda/{event.slug}/"] == event.modified_at.replace(microsecond=0)
    assert urls[f"{base}/rubrik/siaran-pers/"] == article.modified_at.replace(microsecond=0)
    assert urls[f"{base}/topik/media-sosial/"] == article.modified_at.replace(microsecond=0)
    assert urls[f"{base}/unit/{unit.slug}/"] == max(article.modified_at, event.modified_at).replace(
        microsecond=0
    )
    assert urls[f"{base}/narasumber/{speaker.slug}/"] == article.modified_at.replace(microsecond=0)
    assert f"{base}/" in urls and f"{base}/agenda/" in urls
    assert f"{base}/rubrik/berita/" not in urls  # no published article in that section yet


def test_sitemap_leaves_out_everything_unpublished(client):
    hidden_unit = f.unit(abbreviation="Unit Rahasia")
    hidden_speaker = f.speaker(name="Tamu Rahasia")
    hidden = [
        f.article(status=Status.DRAFT, owner=hidden_unit, section=Section.PENGUMUMAN),
        f.article(owner=hidden_unit, publish_at=timezone.now() + timedelta(hours=3)),
        f.article(status=Status.WITHDRAWN, owner=hidden_unit, publish_at=timezone.now()),
    ]
    for article in hidden:
        article.tags.add("belum terbit")
        article.speakers.add(hidden_speaker)
    hidden_event = f.event(status=Status.IN_REVIEW, owner=hidden_unit)
    live = f.article()

    body = client.get("/sitemap.xml").content.decode()

    assert f"/berita/{live.slug}/" in body
    for article in hidden:
        assert f"/berita/{article.slug}/" not in body
    assert f"/agenda/{hidden_event.slug}/" not in body
    assert "/topik/belum-terbit/" not in body
    assert f"/unit/{hidden_unit.slug}/" not in body
    assert f"/narasumber/{hidden_speaker.slug}/" not in body
    assert "/rubrik/pengumuman/" not in body


def test_large_sitemap_becomes_an_index_of_per_kind_files(client, monkeypatch):
    monkeypatch.setattr(NewsroomSitemap, "limit", 2)
    articles = [f.article() for _ in range(3)]

    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    assert root.tag == f"{SM}sitemapindex"
    locations = [element.find(f"{SM}loc").text for element in root.findall(f"{SM}sitemap")]
    assert "http://testserver/sitemap-berita.xml" in locations
    assert "http://testserver/sitemap-berita.xml?p=2" in locations
    listed = set(urlset(client.get("/sitemap-berita.xml"))) | set(
        urlset(client.get("/sitemap-berita.xml?p=2"))
    )
    assert listed == {f"http://testserver/berita/{article.slug}/" for article in articles}
    assert client.get("/sitemap-tidak-ada.xml").status_code == 404


@pytest.mark.parametrize("limit", [NewsroomSitemap.limit, 2], ids=["urlset", "index"])
def test_sitemaps_declare_utf8_and_answer_conditional_gets(client, monkeypatch, limit):
    monkeypatch.setattr(NewsroomSitemap, "limit", limit)
    public_site()
    f.article(title="Kelas daring: media sosial & keterbukaan informasi")

    for url in ("/sitemap.xml", "/sitemap-berita.xml"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert response["ETag"] and response["Last-Modified"]

        for validator in (
            {"HTTP_IF_NONE_MATCH": response["ETag"]},
            {"HTTP_IF_MODIFIED_SINCE": response["Last-Modified"]},
        ):
            again = client.get(url, **validator)
            assert again.status_code == 304, (url, validator)
            assert again.content == b""


def test_news_sitemap_has_the_last_two_days_of_articles(client):
    fresh = f.article(title="Kelas daring media sosial")
    old = f.article(publish_at=timezone.now() - timedelta(days=3))
    draft = f.article(status=Status.DRAFT)
    scheduled = f.article(publish_at=timezone.now() + timedelta(hours=1))

    response = client.get(reverse("syndication:news_sitemap"))

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    [url] = root.findall(f"{SM}url")
    assert url.find(f"{SM}loc").text == f"http://testserver/berita/{fresh.slug}/"
    news = url.find(f"{NEWS}news")
    assert news.find(f"{NEWS}publication/{NEWS}name").text == (
        "Direktorat Jenderal Pendidikan Vokasi"
    )
    assert news.find(f"{NEWS}publication/{NEWS}language").text == "id"
    assert news.find(f"{NEWS}title").text == "Kelas daring media sosial"
    assert datetime.fromisoformat(news.find(f"{NEWS}publication_date").text) == fresh.publish_at
    for hidden in (old, draft, scheduled):
        assert hidden.slug not in response.content.decode()


def test_robots_points_at_the_sitemap_and_blocks_only_the_admin(client, settings):
    settings.ALLOWED_HOSTS = ["vokasi.kemdikbud.go.id"]
    article = f.article()

    response = client.get("/robots.txt", HTTP_HOST="vokasi.kemdikbud.go.id", secure=True)

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: https://vokasi.kemdikbud.go.id/sitemap.xml" in text.splitlines()
    assert "Sitemap: https://vokasi.kemdikbud.go.id/news-sitemap.xml" in text.splitlines()
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    assert not robots.can_fetch("Googlebot", "/admin/")
    assert not robots.can_fetch("Googlebot", "/admin/articles/article/")
    for public in ("/", f"/berita/{article.slug}/", "/feed/rss/", "/agenda.ics", "/sitemap.xml"):
        assert robots.can_fetch("Googlebot", public), public


# A URLconf with staff routes like the workflow's, to check robots.txt follows them.
def _staff_page(request, **kwargs):
    return HttpResponse("staff")


editorial_patterns = (
    [
        path("pratinjau/<uuid:token>/", _staff_page, name="share"),
        path("berita/<slug:slug>/pratinjau/", _staff_page, name="preview"),
    ],
    "editorial",
)
urlpatterns = [
    path("", include("articles.syndication.urls")),
    path("", include(editorial_patterns)),
    path("", include("articles.portal.urls")),
]


@pytest.mark.urls(__name__)
def test_robots_blocks_preview_routes_without_blocking_articles(client):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /pratinjau/" in text.splitlines()
    assert "Disallow: /berita/*/pratinjau/" in text.splitlines()
    assert "Disallow: /berita/" not in text.splitlines()
    assert "Disallow: /" not in text.splitlines()


def test_sitemap_query_count_does_not_grow_with_items(client, local_cache):
    def make(n):
        for _ in range(n):
            article, event, unit, speaker = public_site(abbreviation=None)
            article.tags.add(f"topik {article.pk}")
            event.speakers.add(speaker, through_defaults={"role": "narasumber"})

    def count():
        cache.clear()  # nothing kept from the last render
        freshness.current()  # minted once per change for the whole site, not per response
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    make(2)
    small = count()
    make(8)
    assert count() == small


def test_sitemap_index_counts_the_archive_once_per_change(client, monkeypatch, local_cache):
    monkeypatch.setattr(NewsroomSitemap, "limit", 2)
    for _ in range(3):
        f.article()

    def index():
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/sitemap.xml").content.decode()
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        return body.count("/sitemap-berita.xml"), counts

    pages, counts = index()
    assert pages == 2 and counts  # three articles, two to a file
    pages, counts = index()
    assert pages == 2 and counts == []  # nothing changed: nothing counted again

    f.article()  # five articles: a third file, listed on the very next request
    f.article()
    pages, counts = index()
    assert pages == 3 and counts


def test_workers_without_a_shared_cache_count_on_every_request(
    client, monkeypatch, local_cache, settings
):
    """Production without Redis: each worker's memory would keep its own generation, and a
    publish through one worker would never reach what another kept."""
    settings.NEWSROOM_SHARED_CACHE = False
    monkeypatch.setattr(NewsroomSitemap, "limit", 2)
    for _ in range(3):
        f.article()
    for _visit in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get("/sitemap.xml")
        assert any("COUNT(" in q["sql"].upper() for q in queries)


@pytest.mark.parametrize("url", ["/sitemap.xml", "/news-sitemap.xml"])
def test_withdrawn_article_leaves_sitemaps_polled_by_date_only(client, url):
    kept = f.article()
    Article.objects.filter(pk=kept.pk).update(updated_at=timezone.now() - timedelta(hours=5))
    dropped = f.article(first_published_at=timezone.now() - timedelta(hours=1))
    Article.objects.filter(pk=dropped.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    first = client.get(url)
    assert f"/berita/{dropped.slug}/" in first.content.decode()

    dropped.status = Status.WITHDRAWN  # saved, as the workflow saves it
    dropped.save()
    second = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert second.status_code == 200
    assert f"/berita/{dropped.slug}/" not in second.content.decode()
    assert f"/berita/{kept.slug}/" in second.content.decode()
