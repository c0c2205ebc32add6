"""Until the lift an embargoed release is on no public surface, through the page cache;
after it, on every one. The in-process half of the embargo crawler."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import freshness
from articles.workflow import events
from outreach.models import ReleaseMode
from outreach.press import distribution
from tests import factories as f

from .conftest import approved_article, lift

pytestmark = pytest.mark.django_db


def surfaces(item, neighbour):
    year, month = timezone.localtime(timezone.now()).year, timezone.localtime(timezone.now()).month
    return [
        "/",
        "/rubrik/berita/",
        f"/unit/{item.unit.slug}/",
        "/topik/vokasi/",
        "/cari/?q=pengelolaan",
        f"/arsip/{year}/{month}/",
        "/feed/rss/",
        "/feed/atom/",
        "/feed.json",
        "/topik/vokasi/feed/rss/",
        "/sitemap-berita.xml",
        "/news-sitemap.xml",
        neighbour.get_absolute_url(),  # related links and its JSON-LD
        item.get_absolute_url(),
    ]


def test_an_embargoed_release_is_nowhere_public_until_the_lift_then_everywhere(
    client, team, press, page_cache, django_capture_on_commit_callbacks
):
    item = approved_article(team, slug="kelas-daring-embargo", section="berita")
    item.tags.set(["vokasi"])
    neighbour = f.article(owner=team["unit"], title="Berita lain", slug="berita-lain")
    neighbour.tags.set(["vokasi"])
    with django_capture_on_commit_callbacks(execute=True):
        distribution.distribute(
            item, team["publisher"], lists=[press["list"]], mode=ReleaseMode.EMBARGO,
            embargo_until=timezone.now() + timedelta(hours=2), contact=("A", "a@b.test", ""),
        )  # fmt: skip
    for _round in range(2):  # the second round is answered from the page cache
        for address in surfaces(item, neighbour):
            response = client.get(address)
            body = b"".join(response) if response.streaming else response.content
            if address == item.get_absolute_url():
                assert response.status_code == 404  # its 404 page names the address asked
                continue
            assert item.slug.encode() not in body, address
            assert b"Kelas daring pengelolaan" not in body, address

    lift(item)
    freshness.bump()  # what the clock's passing of the publication time does to the cache
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    for address in surfaces(item, neighbour):
        if address == "/cari/?q=pengelolaan" and not _searchable():
            continue
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response) if response.streaming else response.content
        assert item.slug.encode() in body or b"Kelas daring pengelolaan" in body, address


def _searchable():
    from django.db import connection

    from articles.models import search_sqlite

    return connection.vendor == "postgresql" or search_sqlite.available()
