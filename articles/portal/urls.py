from django.urls import path

from newsroom.pagecache import public_cache

from ..models import freshness
from . import agenda, archive, pages, search, topics

# Every reader page is kept whole in the cache until the content generation moves, or
# until what it shows changes: a page named by a thing's slug shows that thing (its keys,
# `articles/models/page_keys.py`); the rest are lists, purged by any item's change.
cached = public_cache(freshness.current)


def about(kind, name="slug"):
    return public_cache(freshness.current, shows=lambda kwargs: [f"{kind}:{kwargs[name]}"])


app_name = "articles"
urlpatterns = [
    path("", cached(pages.home), name="home"),
    path("berita/<slug:slug>/", about("article")(pages.article_detail), name="article"),
    path(
        "rubrik/<slug:section>/", about("section", "section")(topics.section_detail), name="section"
    ),
    path("topik/<slug:slug>/", about("tag")(topics.tag_detail), name="tag"),
    path("agenda/", cached(agenda.event_list), name="events"),
    path("agenda/<slug:slug>/", about("event")(pages.event_detail), name="event"),
    path("unit/<slug:slug>/", about("unit")(topics.unit_detail), name="unit"),
    path("narasumber/<slug:slug>/", about("speaker")(topics.speaker_detail), name="speaker"),
    path("arsip/", cached(archive.archive_index), name="archive_index"),
    path("arsip/<int:year>/", cached(archive.archive_year), name="archive"),
    path("arsip/<int:year>/<int:month>/", cached(archive.archive_month), name="archive_month"),
    path("cari/", cached(search.search), name="search"),
    path("privasi/", cached(pages.privacy), name="privacy"),
]
