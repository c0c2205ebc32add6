"""Staff endpoints of the body editor: uploading a picture, choosing one from the library.

The editor (articles/static/articles/editor/body.js) posts the file as `upload` with
fetch and reads JSON back: {"uploaded": 1, "url": ...} or {"uploaded": 0, "error":
{"message": ...}}. Refusals of a bad file answer 200 with the message the editor shows.
Django's CSRF check runs as everywhere else (the script sends the token as X-CSRFToken);
nothing here is exempt. Every picture becomes an Image row, so body images get the same
checks and renditions as featured images and `|responsive_body` can find them again.
"""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..images.markup import rendition_url
from ..images.storage import save_image
from ..images.uploads import ImageUploadField
from ..models import Image
from ..workflow import shared

LIBRARY_PAGE = 24  # pictures the editor's chooser shows at once
LIBRARY_QUERY = 100  # characters of a search that are used


class EditorUploadForm(forms.Form):
    upload = ImageUploadField()


def _refusal(message, status=200):
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@never_cache
@require_POST
def editor_upload(request):
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.add_image")):
        return _refusal(_("Anda tidak berhak mengunggah gambar."), status=403)
    form = EditorUploadForm(files=request.FILES)
    if not form.is_valid():
        return _refusal(" ".join(form.errors["upload"]))
    # Described later in the picture library; the body's own alt text is what readers get.
    image = Image(owner_unit_id=shared.owner_for(user))
    image = save_image(image, form.cleaned_data["upload"].prepared, user=user)
    return JsonResponse({"uploaded": 1, "fileName": image.file.name, "url": image.file.url})


@never_cache
@require_GET
def editor_library(request):
    """The newest pictures of the library the user may see, or those matching `q`.

    The list is the picture library's own queryset (so whatever narrows the library for a
    user narrows this too), searched by description, caption and credit, newest first.
    """
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_image")):
        return JsonResponse({"results": []}, status=403)
    images = admin.site._registry[Image].get_queryset(request)
    words = request.GET.get("q", "")[:LIBRARY_QUERY].split()
    for word in words[:5]:
        images = images.filter(
            Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word)
        )
    results = [
        {
            "url": image.file.url,
            "thumbnail": rendition_url(image, "w480") or image.file.url,
            "alt": image.alt_text,
            "caption": image.caption,
        }
        for image in images.order_by("-created_at", "-pk")[:LIBRARY_PAGE]
    ]
    return JsonResponse({"results": results})
