"""The journalist's addresses: the personal link and leaving the press list."""

from django.urls import path

from . import views

app_name = "press"
urlpatterns = [
    path("pers/<str:token>/", views.personal, name="personal"),
    path("pers/<str:token>/berhenti/", views.unsubscribe, name="unsubscribe"),
]
