from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("berita/<slug:slug>/", views.article_detail, name="article"),
    path("rubrik/<slug:section>/", views.section_detail, name="section"),
    path("topik/<slug:slug>/", views.tag_detail, name="tag"),
    path("agenda/", views.event_list, name="events"),
    path("agenda/<slug:slug>/", views.event_detail, name="event"),
    path("unit/<slug:slug>/", views.unit_detail, name="unit"),
    path("narasumber/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("arsip/", views.archive_index, name="archive_index"),
    path("arsip/<int:year>/", views.archive_year, name="archive"),
    path("arsip/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("cari/", views.search, name="search"),
]
