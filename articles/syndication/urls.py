"""Machine-read surfaces: feeds, calendars, sitemaps, robots.txt.

Included before the portal's URLs; every path here either ends in a file suffix or sits
under a `feed/` segment, so none can shadow a portal page.
"""

from django.urls import path

from newsroom.pagecache import public_cache

from ..models import freshness
from . import calendars, feeds, json_feed, robots, sitemaps

# Kept whole in the cache until the content generation moves (or the validators change),
# or what they list changes: a feed named by a thing's slug lists that thing's items
# (`articles/models/page_keys.py`); the site-wide ones are lists.
cached = public_cache(freshness.current)


def about(kind, name="slug"):
    return public_cache(freshness.current, shows=lambda kwargs: [f"{kind}:{kwargs[name]}"])


app_name = "syndication"
urlpatterns = [
    path("feed/rss/", cached(feeds.rss), name="rss"),
    path("feed/atom/", cached(feeds.atom), name="atom"),
    path("feed.json", cached(json_feed.json_feed), name="json"),
    path(
        "rubrik/<slug:section>/feed/rss/",
        about("section", "section")(feeds.section_rss),
        name="section_rss",
    ),
    path(
        "rubrik/<slug:section>/feed/atom/",
        about("section", "section")(feeds.section_atom),
        name="section_atom",
    ),
    path("topik/<slug:slug>/feed/rss/", about("tag")(feeds.tag_rss), name="tag_rss"),
    path("topik/<slug:slug>/feed/atom/", about("tag")(feeds.tag_atom), name="tag_atom"),
    path("unit/<slug:slug>/feed/rss/", about("unit")(feeds.unit_rss), name="unit_rss"),
    path("unit/<slug:slug>/feed/atom/", about("unit")(feeds.unit_atom), name="unit_atom"),
    path(
        "narasumber/<slug:slug>/feed/rss/", about("speaker")(feeds.speaker_rss), name="speaker_rss"
    ),
    path(
        "narasumber/<slug:slug>/feed/atom/",
        about("speaker")(feeds.speaker_atom),
        name="speaker_atom",
    ),
    path("agenda.ics", cached(calendars.agenda_ics), name="agenda_ics"),
    path("agenda/<slug:slug>.ics", about("event")(calendars.event_ics), name="event_ics"),
    path("unit/<slug:slug>/agenda.ics", about("unit")(calendars.unit_ics), name="unit_ics"),
    path("sitemap.xml", cached(sitemaps.sitemap), name="sitemap"),
    path("sitemap-<slug:section>.xml", cached(sitemaps.sitemap_section), name="sitemap_section"),
    path("news-sitemap.xml", cached(sitemaps.news_sitemap), name="news_sitemap"),
    path("robots.txt", cached(robots.robots), name="robots"),
]
