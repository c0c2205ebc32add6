from django.urls import path

from newsroom.pagecache import public_cache

from ..models import freshness
from . import agenda, archive, pages, search, topics

# Every reader page is kept whole in the cache until the content generation moves.
cached = public_cache(freshness.current)

app_name = "articles"
urlpatterns = [
    path("", cached(pages.home), name="home"),
    path("berita/<slug:slug>/", cached(pages.article_detail), name="article"),
    path("rubrik/<slug:section>/", cached(topics.section_detail), name="section"),
    path("topik/<slug:slug>/", cached(topics.tag_detail), name="tag"),
    path("agenda/", cached(agenda.event_list), name="events"),
    path("agenda/<slug:slug>/", cached(pages.event_detail), name="event"),
    path("unit/<slug:slug>/", cached(topics.unit_detail), name="unit"),
    path("narasumber/<slug:slug>/", cached(topics.speaker_detail), name="speaker"),
    path("arsip/", cached(archive.archive_index), name="archive_index"),
    path("arsip/<int:year>/", cached(archive.archive_year), name="archive"),
    path("arsip/<int:year>/<int:month>/", cached(archive.archive_month), name="archive_month"),
    path("cari/", cached(search.search), name="search"),
    path("privasi/", cached(pages.privacy), name="privacy"),
]
