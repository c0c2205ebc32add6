from django.urls import path

from . import agenda, archive, pages, search, topics

app_name = "articles"
urlpatterns = [
    path("", pages.home, name="home"),
    path("berita/<slug:slug>/", pages.article_detail, name="article"),
    path("rubrik/<slug:section>/", topics.section_detail, name="section"),
    path("topik/<slug:slug>/", topics.tag_detail, name="tag"),
    path("agenda/", agenda.event_list, name="events"),
    path("agenda/<slug:slug>/", pages.event_detail, name="event"),
    path("unit/<slug:slug>/", topics.unit_detail, name="unit"),
    path("narasumber/<slug:slug>/", topics.speaker_detail, name="speaker"),
    path("arsip/", archive.archive_index, name="archive_index"),
    path("arsip/<int:year>/", archive.archive_year, name="archive"),
    path("arsip/<int:year>/<int:month>/", archive.archive_month, name="archive_month"),
    path("cari/", search.search, name="search"),
]
