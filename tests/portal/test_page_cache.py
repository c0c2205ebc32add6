"""Public responses are kept whole in the cache and never outlive a change readers would see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Correction, freshness
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


@pytest.fixture
def approved(team):
    item = f.article(status="approved", owner=team["unit"], title="Kabar yang baru disetujui")
    return item, team["publisher"]


PUBLIC = ["/", "/en/", "/rubrik/berita/", "/feed/rss/", "/sitemap.xml", "/agenda.ics"]


@pytest.mark.parametrize("url", PUBLIC)
def test_a_repeated_public_request_runs_no_query(client, url):
    f.article(title="Kabar lama")
    f.event()
    first, _ = queries(client, url)
    again, count = queries(client, url)
    assert first.status_code == again.status_code == 200
    assert again["X-Cache"] == "HIT"
    assert count == 0
    assert again.content == first.content
    assert again["ETag"] == first["ETag"] and again["Last-Modified"]
    assert "public" in again["Cache-Control"] and "max-age=" in again["Cache-Control"]


def test_a_conditional_request_is_answered_304_without_rendering(client):
    f.article()
    first = client.get("/")
    by_tag, count = queries(client, "/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_tag.status_code == 304 and count == 0
    assert by_tag["ETag"] == first["ETag"]
    by_date, count = queries(client, "/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304 and count == 0


def test_publishing_shows_on_home_feed_and_sitemap_at_the_next_request(client, approved):
    item, publisher = approved
    before = {url: client.get(url).content.decode() for url in ("/", "/feed/rss/", "/sitemap.xml")}
    assert all(item.slug not in body for body in before.values())

    workflow.publish(item, publisher)

    for url in before:
        response = client.get(url)
        assert item.slug in response.content.decode(), url
        assert response["X-Cache"] == "MISS"


def test_the_commit_moves_the_generation_again(approved, django_capture_on_commit_callbacks):
    item, publisher = approved
    token, _ = freshness.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.publish(item, publisher)
    assert callbacks
    assert freshness.current()[0] != token


def test_withdrawing_takes_the_article_off_the_cached_pages(client, team):
    item = f.article(owner=team["unit"], title="Kabar yang akan ditarik")
    # Published as the workflow does it: the public saw it from its publish time on.
    Article.objects.filter(pk=item.pk).update(first_published_at=item.publish_at)
    assert item.slug in client.get("/").content.decode()
    assert client.get(item.get_absolute_url()).status_code == 200

    workflow.withdraw(item, team["publisher"], "Salah data")

    assert item.slug not in client.get("/").content.decode()
    assert client.get(item.get_absolute_url()).status_code == 410


def test_a_correction_and_a_renamed_tag_show_at_once(client):
    item = f.article()
    item.tags.add("Vokasi")
    url = item.get_absolute_url()
    assert "Vokasi" in client.get(url).content.decode()

    tag = item.tags.get()
    tag.name = "Pendidikan Vokasi"
    tag.save()
    Correction.objects.create(article=item, text="Tanggal kegiatan diperbaiki.")

    html = client.get(url).content.decode()
    assert "Pendidikan Vokasi" in html
    assert "Tanggal kegiatan diperbaiki." in html


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    later = timezone.now() + timedelta(minutes=30)
    item = f.article(title="Kabar terjadwal", publish_at=later)
    assert item.slug not in client.get("/").content.decode()
    assert client.get("/")["X-Cache"] == "HIT"

    # Nothing is written: only the clock moves past the publish time.
    moved = later + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    monkeypatch.setattr(freshness.time, "time", moved.timestamp)

    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert item.slug in response.content.decode()


def test_an_event_moves_from_upcoming_to_past_when_it_ends(client, monkeypatch):
    # Began 110 minutes ago, ends in ten (well within the cache entries' lifetime).
    event = f.event(title="Kelas yang segera usai", starts_in=-timedelta(minutes=110))
    home = client.get("/").content.decode()
    assert event.title in home  # upcoming on the home page

    moved = event.ends_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    monkeypatch.setattr(freshness.time, "time", moved.timestamp)

    assert event.title not in client.get("/").content.decode()


def test_staff_are_never_served_from_or_stored_in_the_cache(client, admin_client):
    item = f.article(title="Judul pertama")
    assert "Judul pertama" in client.get("/").content.decode()
    # A change that bypasses every signal: only a fresh render can know it.
    Article.objects.filter(pk=item.pk).update(title="Judul kedua")

    staff = admin_client.get("/")
    assert "Judul kedua" in staff.content.decode()
    assert "X-Cache" not in staff
    assert "Judul pertama" in client.get("/").content.decode()  # the staff render was not kept


def test_unknown_query_parameters_are_not_stored(client):
    f.article()
    client.get("/?tebak=1")
    assert "X-Cache" not in client.get("/?tebak=1")
    assert client.get("/?hal=1")["X-Cache"] == "MISS"
    assert client.get("/?hal=1")["X-Cache"] == "HIT"


def test_each_language_and_page_is_its_own_entry(client):
    for n in range(13):
        f.article(title=f"Kabar {n}")
    indonesian = client.get("/rubrik/berita/")
    english = client.get("/en/rubrik/berita/")
    second = client.get("/rubrik/berita/?hal=2")
    assert indonesian["Content-Language"] == "id" and english["Content-Language"] == "en"
    assert len({indonesian["ETag"], english["ETag"], second["ETag"]}) == 3
    assert client.get("/en/rubrik/berita/")["Content-Language"] == "en"


def test_a_missing_page_is_not_stored(client):
    assert client.get(reverse("articles:article", args=["tidak-ada"])).status_code == 404
    assert "X-Cache" not in client.get(reverse("articles:article", args=["tidak-ada"]))


TAGGED = "utm_source=whatsapp&utm_medium=social&utm_campaign=hari-guru&fbclid=IwAR0x&gclid=Cj0"


def test_a_tagged_link_finds_the_page_stored_for_the_plain_address(client):
    article = f.article(title="Kabar yang dibagikan")
    url = article.get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    tagged, count = queries(client, f"{url}?{TAGGED}")
    assert tagged["X-Cache"] == "HIT" and count == 0
    assert f'data-item="a{article.pk}"' in tagged.content.decode()  # the beacon is on it
    # A list page with its own parameter: the tag goes, the page number stays.
    for n in range(13):
        f.article(title=f"Kabar {n}")
    assert client.get("/rubrik/berita/?hal=2")["X-Cache"] == "MISS"
    assert client.get("/rubrik/berita/?utm_source=x&hal=2&fbclid=1")["X-Cache"] == "HIT"
    assert "X-Cache" not in client.get("/rubrik/berita/?hal=2&tebak=1")  # still unknown


def test_a_page_first_rendered_for_a_tagged_link_is_the_plain_page(client):
    f.event(title="Kelas daring")
    tagged = client.get(f"/agenda/?{TAGGED}")
    assert tagged["X-Cache"] == "MISS"
    html = tagged.content.decode()
    assert "utm_" not in html and "fbclid" not in html
    assert "Hapus filter" not in html  # the agenda saw no query at all
    plain = client.get("/agenda/")
    assert plain["X-Cache"] == "HIT" and plain.content == tagged.content
