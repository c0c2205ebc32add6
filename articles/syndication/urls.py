"""Machine-read surfaces: feeds, calendars, sitemaps, robots.txt.

Included before the portal's URLs; every path here either ends in a file suffix or sits
under a `feed/` segment, so none can shadow a portal page.
"""

from django.urls import path

from . import calendars, feeds, json_feed, robots, sitemaps

app_name = "syndication"
urlpatterns = [
    path("feed/rss/", feeds.rss, name="rss"),
    path("feed/atom/", feeds.atom, name="atom"),
    path("feed.json", json_feed.json_feed, name="json"),
    path("rubrik/<slug:section>/feed/rss/", feeds.section_rss, name="section_rss"),
    path("rubrik/<slug:section>/feed/atom/", feeds.section_atom, name="section_atom"),
    path("topik/<slug:slug>/feed/rss/", feeds.tag_rss, name="tag_rss"),
    path("topik/<slug:slug>/feed/atom/", feeds.tag_atom, name="tag_atom"),
    path("unit/<slug:slug>/feed/rss/", feeds.unit_rss, name="unit_rss"),
    path("unit/<slug:slug>/feed/atom/", feeds.unit_atom, name="unit_atom"),
    path("narasumber/<slug:slug>/feed/rss/", feeds.speaker_rss, name="speaker_rss"),
    path("narasumber/<slug:slug>/feed/atom/", feeds.speaker_atom, name="speaker_atom"),
    path("agenda.ics", calendars.agenda_ics, name="agenda_ics"),
    path("agenda/<slug:slug>.ics", calendars.event_ics, name="event_ics"),
    path("unit/<slug:slug>/agenda.ics", calendars.unit_ics, name="unit_ics"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", robots.robots, name="robots"),
]
