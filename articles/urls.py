from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("berita/<slug:slug>/", views.article_detail, name="article"),
    path("agenda/<slug:slug>/", views.event_detail, name="event"),
    path("unit/<slug:slug>/", views.unit_detail, name="unit"),
    path("narasumber/<slug:slug>/", views.speaker_detail, name="speaker"),
]
