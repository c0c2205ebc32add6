"""Staff routes outside the admin site: previews, share links, autosave and the body
editor's pictures.

Each namespace is included on its own in the root URLconf (`editorial`, `images`), since
robots.txt reads the `editorial` namespace to keep crawlers out of every preview route.
"""

from django.urls import path

from . import autosave, live_preview, previews, review_checks, uploads

editorial_patterns = (
    [
        path("redaksi/pratinjau/<str:kind>/<int:pk>/", previews.staff_preview, name="preview"),
        path(
            "redaksi/pratinjau/<str:kind>/<int:object_id>/isian/",
            live_preview.live_preview,
            name="live-preview",
        ),
        path("pratinjau/<str:token>/", previews.shared_preview, name="share"),
        path(
            "redaksi/autosimpan/<str:kind>/<int:object_id>/",
            autosave.autosave,
            name="autosave",
        ),
        path("redaksi/periksa/", review_checks.review_checks, name="checks"),
    ],
    "editorial",
)

image_patterns = (
    [
        path("redaksi/gambar/unggah/", uploads.editor_upload, name="editor-upload"),
        path("redaksi/gambar/pustaka/", uploads.editor_library, name="editor-library"),
    ],
    "images",
)
