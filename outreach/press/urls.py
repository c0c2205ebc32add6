"""The journalist's addresses (the personal link, its kit, leaving the press list) and
the public press kit's downloads after the lift."""

from django.urls import path

from . import views

app_name = "press"
urlpatterns = [
    path("pers/<str:token>/", views.personal, name="personal"),
    path("pers/<str:token>/berhenti/", views.unsubscribe, name="unsubscribe"),
    path("pers/<str:token>/foto/<int:image_id>/", views.private_picture, name="private_picture"),
    path("pers/<str:token>/bahan-pers.zip", views.private_zip, name="private_zip"),
    path(
        "bahan-pers/<int:article_id>/foto/<int:image_id>/",
        views.public_picture,
        name="public_picture",
    ),
    path("bahan-pers/<int:article_id>/bahan-pers.zip", views.public_zip, name="public_zip"),
]
