"""The subscriber's pages, inside i18n_patterns: /langganan/... and /en/langganan/..."""

from django.urls import path

from . import views

app_name = "subscribers"
urlpatterns = [
    path("langganan/", views.subscribe, name="subscribe"),
    path("langganan/konfirmasi/<str:token>/", views.confirm, name="confirm"),
    path("langganan/kelola/<str:token>/", views.manage, name="manage"),
    path("langganan/kelola/<str:token>/data.json", views.data, name="data"),
    path("langganan/berhenti/<str:token>/", views.leave, name="leave"),
]
