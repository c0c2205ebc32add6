"""Staff upload endpoint for the body editor (CKEditor 4's image dialog and paste upload).

CKEditor posts the file as `upload` with XHR and reads JSON back: {"uploaded": 1, "url": ...}
or {"uploaded": 0, "error": {"message": ...}}. Refusals answer 200 with the message,
because CKEditor shows only a generic text for other statuses. Django's CSRF check runs as
everywhere else (the editor plugin sends the token as X-CSRFToken); nothing here is exempt.
Every picture becomes an Image row, so body images get the same checks and renditions as
featured images and `|responsive_body` can find them again.
"""

from django import forms
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..images.storage import save_image
from ..images.uploads import ImageUploadField
from ..models import Image
from ..workflow import shared


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
