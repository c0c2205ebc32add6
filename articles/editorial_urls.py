"""Staff-only and share-link routes: previews of items that are not public."""

from django.urls import path

from . import preview

app_name = "editorial"
urlpatterns = [
    path("redaksi/pratinjau/<str:kind>/<int:pk>/", preview.staff_preview, name="preview"),
    path("pratinjau/<str:token>/", preview.shared_preview, name="share"),
]
