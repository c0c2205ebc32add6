"""A publication purges the pages that show the item, not the whole site (surrogate keys:
newsroom/pagekeys.py, articles/models/page_keys.py); a rename still empties everything."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Correction, Status, freshness
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["X-Cache"]


@pytest.fixture
def site(client, team):
    """Two sections, two topics, two units: one side will change, the other must stay."""
    other_unit = f.unit()
    here = f.article(owner=team["unit"], title="Kabar di sini", section="berita")
    here.tags.add("Vokasi")
    there = f.article(owner=other_unit, title="Kabar di sana", section="pengumuman")
    there.tags.add("Beasiswa")
    fresh = f.article(
        status=Status.APPROVED, owner=team["unit"], title="Kabar baru", section="berita"
    )
    fresh.tags.add("Vokasi")
    changed = [
        "/",
        "/feed/rss/",
        "/sitemap.xml",
        "/rubrik/berita/",
        "/rubrik/berita/feed/rss/",
        "/topik/vokasi/",
        team["unit"].get_absolute_url(),
        here.get_absolute_url(),  # its related articles share the topic
    ]
    kept = [
        there.get_absolute_url(),
        "/rubrik/pengumuman/",
        "/rubrik/pengumuman/feed/rss/",
        "/topik/beasiswa/",
        other_unit.get_absolute_url(),
    ]
    for url in changed + kept:
        state(client, url)
        assert state(client, url) == "HIT", url
    return {"changed": changed, "kept": kept, "fresh": fresh, "here": here, "there": there}


def test_a_publication_purges_its_pages_and_keeps_the_rest(client, site, team):
    token = freshness.current()[0]
    fresh = Article.objects.get(pk=site["fresh"].pk)
    workflow.publish(fresh, team["publisher"])

    assert freshness.current()[0] == token  # not the whole site
    for url in site["changed"]:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert fresh.slug in response.content.decode(), url
    assert state(client, fresh.get_absolute_url()) == "MISS"
    for url in site["kept"]:
        assert state(client, url) == "HIT", url


def test_a_withdrawal_and_a_correction_reach_every_page_showing_the_item(client, site, team):
    here = Article.objects.get(pk=site["here"].pk)
    Article.objects.filter(pk=here.pk).update(first_published_at=here.publish_at)
    Correction.objects.create(article=here, text="Nama tempat diperbaiki.")
    assert "Nama tempat diperbaiki." in client.get(here.get_absolute_url()).content.decode()
    for url in site["kept"]:
        assert state(client, url) == "HIT", url

    workflow.withdraw(Article.objects.get(pk=here.pk), team["publisher"], "Salah data")
    assert client.get(here.get_absolute_url()).status_code == 410
    for url in site["changed"][:-1]:
        response = client.get(url)
        assert here.get_absolute_url() not in response.content.decode(), url
        # The topic had no other public article: its page is gone with it.
        assert response.get("X-Cache") == "MISS" or response.status_code == 404, url
    for url in site["kept"]:
        assert state(client, url) == "HIT", url


def test_a_renamed_topic_still_empties_the_whole_site(client, site):
    token = freshness.current()[0]
    topic = site["there"].tags.get()
    topic.name = "Beasiswa Unggulan"
    topic.save()
    assert freshness.current()[0] != token
    assert "Beasiswa Unggulan" in client.get(site["there"].get_absolute_url()).content.decode()


def test_an_edit_moving_an_item_purges_the_pages_it_left(client, site, team):
    here = Article.objects.get(pk=site["here"].pk)
    here.section = "pengumuman"
    here.save()
    here.tags.set(["Beasiswa"])
    assert here.get_absolute_url() not in client.get("/rubrik/berita/").content.decode()
    assert here.get_absolute_url() not in client.get("/topik/vokasi/").content.decode()
    assert here.get_absolute_url() in client.get("/rubrik/pengumuman/").content.decode()
    assert here.get_absolute_url() in client.get("/topik/beasiswa/").content.decode()
    assert state(client, site["there"].get_absolute_url()) == "MISS"  # now related to it


def test_a_scheduled_article_saved_while_pages_are_cached_appears_at_its_time(
    client, site, monkeypatch
):
    later = timezone.now() + timedelta(minutes=30)
    item = f.article(title="Kabar terjadwal", publish_at=later)  # pages are stored already
    assert item.slug not in client.get("/").content.decode()
    assert state(client, "/") == "HIT"

    moved = later + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    monkeypatch.setattr(freshness.time, "time", moved.timestamp)
    assert item.slug in client.get("/").content.decode()
