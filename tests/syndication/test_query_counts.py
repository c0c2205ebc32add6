"""Every machine-read response costs a fixed number of queries, however much is published.

Feed readers, calendar apps and crawlers poll these addresses around the clock; at
100,000 articles a query per item, or one that grows with the archive, is what makes
them slow. Counted on a full render (no cached body) and on a conditional poll.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Correction, Partner, Section, freshness
from articles.syndication.sitemaps import NewsroomSitemap
from tests import factories as f

# A cache of each test's own: what is counted depends on what the cache keeps, and another
# xdist worker's flush of a shared Redis must not land between minting and measuring.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]

# (address, most queries for a full render, most for a conditional poll)
VIEWS = [
    ("/feed/rss/", 5, 1),
    ("/feed/atom/", 5, 1),
    ("/feed.json", 5, 1),
    ("/rubrik/berita/feed/rss/", 5, 1),
    ("/topik/media-sosial/feed/atom/", 6, 2),
    ("/unit/{unit}/feed/rss/", 6, 2),
    ("/narasumber/{speaker}/feed/rss/", 6, 2),
    ("/agenda.ics", 5, 1),
    ("/unit/{unit}/agenda.ics", 6, 2),
    ("/agenda/{event}.ics", 6, 2),
    ("/sitemap.xml", 12, 12),
    ("/sitemap-halaman.xml", 1, 1),
    ("/sitemap-berita.xml", 3, 3),
    ("/sitemap-kegiatan.xml", 3, 3),
    ("/sitemap-rubrik.xml", 1, 1),
    ("/sitemap-topik.xml", 2, 2),
    ("/sitemap-unit.xml", 2, 2),
    ("/sitemap-narasumber.xml", 3, 3),
    ("/news-sitemap.xml", 2, 1),
    ("/robots.txt", 0, 0),
]


class Site:
    """Published news and events that touch one unit, tag, speaker and partner each."""

    def __init__(self):
        self.unit = f.unit()
        self.speaker = f.speaker()
        self.partner = Partner.objects.create(name="Mitra Uji", slug="mitra-uji")
        self.event = None

    def grow(self, n):
        for _ in range(n):
            article = f.article(
                owner=self.unit,
                section=Section.BERITA,
                featured_image=f.image(),
                writer=f.user(first_name="Rina"),
                editor=f.user(first_name="Dewi"),
            )
            article.tags.add("media sosial", f"topik {article.pk}")
            article.speakers.add(self.speaker)
            article.related_units.add(f.unit())
            Correction.objects.create(article=article, text="Ralat kecil.")
            event = f.event(owner=self.unit)
            event.organisers.add(self.unit, f.unit())
            event.partners.add(self.partner)
            event.speakers.add(self.speaker, through_defaults={"role": "narasumber"})
            self.event = self.event or event

    def address(self, template):
        return template.format(
            unit=self.unit.slug, speaker=self.speaker.slug, event=self.event.slug
        )


def counted(client, address, **headers):
    cache.clear()  # a full render, not a body kept under its ETag nor a count kept
    freshness.current()  # minted once per change for the whole site, not per response
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, **headers)
    return response, len(queries)


def poll_headers(response):
    if response.get("ETag"):
        return {"HTTP_IF_NONE_MATCH": response["ETag"]}
    return {}


def costs(client, address):
    client.get(address)  # per-process caches (content types) are not per-request costs
    response, full = counted(client, address)
    assert response.status_code == 200, address
    again, poll = counted(client, address, **poll_headers(response))
    assert again.status_code in (200, 304), address
    return full, poll


@pytest.mark.parametrize(("template", "most", "most_polled"), VIEWS, ids=[v[0] for v in VIEWS])
def test_query_count_is_fixed_and_small(client, template, most, most_polled):
    site = Site()
    site.grow(1)
    address = site.address(template)
    one = costs(client, address)

    site.grow(9)

    assert costs(client, address) == one
    assert one[0] <= most and one[1] <= most_polled, one


@pytest.mark.parametrize("kind", ["", "berita", "topik", "unit", "narasumber"])
def test_sitemap_index_cost_does_not_grow_with_items(client, monkeypatch, kind):
    monkeypatch.setattr(NewsroomSitemap, "limit", 2)
    site = Site()
    site.grow(2)
    address = f"/sitemap-{kind}.xml" if kind else "/sitemap.xml"
    few = costs(client, address)

    site.grow(8)

    assert costs(client, address) == few
