"""Where an image's original and renditions are stored, and how they leave storage.

Files are written before the row is saved and removed again if anything fails; replaced
or deleted files go once the transaction commits, so no page ever points at a missing file.
"""

import uuid
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ..models import Image
from ..models.images import original_path
from .formats import FORMATS
from .renditions import EXTENSIONS, encode, make_renditions
from .uploads import prepare_bytes, prepare_upload


def stored_names(image):
    """Every storage name that belongs to the image: its original and its renditions."""
    names = [image.file.name] if image.file else []
    return names + [r["name"] for r in (image.renditions or {}).values() if r.get("name")]


def _delete_names(storage, names):
    for name in names:
        storage.delete(name)


def _names_in_database(image):
    if image.pk is None:
        return []
    row = Image.objects.filter(pk=image.pk).values("file", "renditions").first()
    if row is None:
        return []
    return stored_names(Image(file=row["file"], renditions=row["renditions"]))


def _store_renditions(storage, pixels, focal_x, focal_y, written):
    token = uuid.uuid4().hex
    renditions = {}
    for label, fmt, im in make_renditions(pixels, focal_x, focal_y):
        key = f"{label}.{EXTENSIONS[fmt]}"
        name = storage.save(
            f"images/renditions/{token[:2]}/{token}-{key}", ContentFile(encode(im, fmt))
        )
        written.append(name)
        renditions[key] = {"name": name, "width": im.width, "height": im.height, "format": fmt}
    return renditions


def save_image(image, prepared, *, user=None):
    """Store a prepared upload as the image's file and renditions, and save the row.

    Replacing a file removes the previous original and renditions once the transaction
    commits; if anything fails before that, the files written so far are removed again.
    """
    storage = image._meta.get_field("file").storage
    previous = _names_in_database(image)
    written = []
    try:
        with transaction.atomic():
            original = prepared.original
            name = storage.save(
                f"{original_path(image, None)}.{FORMATS[prepared.format][1]}",
                ContentFile(original),
            )
            written.append(name)
            image.renditions = _store_renditions(
                storage, prepared.pixels, image.focal_x, image.focal_y, written
            )
            image.file = name
            image.width, image.height = prepared.pixels.size
            image.mime_type = prepared.mime_type
            image.file_size = len(original)
            if user is not None:
                image.uploaded_by = user
            image.save()
    except BaseException:
        _delete_names(storage, written)
        raise
    stale = [name for name in previous if name not in written]
    if stale:
        transaction.on_commit(partial(_delete_names, storage, stale))
    return image


def create_image(upload, *, user=None, **fields):
    """A new Image from an uploaded file (body editor, demo data, shell); ValidationError if bad.

    `fields` are the Image's own: alt_text, caption, credit, focal_x, focal_y.
    """
    return save_image(Image(**fields), prepare_upload(upload), user=user)


def rebuild_renditions(image):
    """Make the renditions again from the stored original (new focal point, new sizes).

    An image whose file never went through this pipeline (no MIME type recorded) is put
    through it whole, so its original loses its metadata too.
    """
    storage = image._meta.get_field("file").storage
    with image.file.open("rb") as handle:
        prepared = prepare_bytes(handle.read())
    if not image.mime_type:
        return save_image(image, prepared)
    previous = [r["name"] for r in (image.renditions or {}).values()]
    written = []
    try:
        with transaction.atomic():
            image.renditions = _store_renditions(
                storage, prepared.pixels, image.focal_x, image.focal_y, written
            )
            image.width, image.height = prepared.pixels.size
            image.save(update_fields=["renditions", "width", "height"])
    except BaseException:
        _delete_names(storage, written)
        raise
    transaction.on_commit(partial(_delete_names, storage, previous))
    return image


@receiver(post_delete, sender=Image, dispatch_uid="articles.images.delete_files")
def _delete_files_with_image(sender, instance, using, **kwargs):
    """However an Image is deleted (admin, bulk action, shell), its files go after commit."""
    storage = instance._meta.get_field("file").storage
    transaction.on_commit(partial(_delete_names, storage, stored_names(instance)), using=using)
