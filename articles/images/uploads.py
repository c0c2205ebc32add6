"""Checking an upload: the browser's word is never taken.

A file is judged by what Pillow decodes and by walking its container to the end, and
only bytes this package produced or re-checked reach storage. `ImageUploadField` does it
for forms; `prepare_upload` and `prepare_bytes` for services.
"""

import io
import warnings
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from .containers import WALKERS, Container, Corrupt, check_tail
from .formats import ACCEPT, FORMATS, refuse
from .pixels import DECODE_ERRORS, normalise


@dataclass
class Prepared:
    """An upload that passed every check, decoded and normalised, not yet stored."""

    data: bytes
    format: str  # Pillow's name: JPEG, PNG, WEBP, GIF
    container: Container
    pixels: PILImage.Image  # first frame, upright, sRGB, RGB or RGBA, no metadata
    animated: bool
    changed: bool  # orientation or colour had to be fixed, so the original is re-encoded

    @property
    def mime_type(self):
        return FORMATS[self.format][0]

    @cached_property
    def original(self):
        """The bytes stored as the original: untouched pixels where possible.

        An image that needs no rotation or colour conversion (and every animation) keeps its
        encoded pixels byte for byte, only its metadata cut out, so a JPEG is not
        recompressed. Otherwise the normalised pixels are encoded in the same format.
        """
        if self.animated or not self.changed:
            return self.container.stripped
        buffer = io.BytesIO()
        if self.format == "JPEG":
            self.pixels.save(buffer, "JPEG", quality=92)
        elif self.format == "WEBP":
            self.pixels.save(buffer, "WEBP", lossless=self.container.lossless, quality=92)
        else:
            self.pixels.save(buffer, self.format)
        return buffer.getvalue()


def prepare_bytes(data):
    """Check and decode an upload's bytes; raises ValidationError with the reason for staff."""
    if not data:
        raise refuse("corrupt")
    limit = settings.NEWSROOM_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            im = PILImage.open(io.BytesIO(data), formats=list(FORMATS))
    except UnidentifiedImageError:
        raise refuse("not_image") from None
    except PILImage.DecompressionBombError:
        raise refuse("too_many_pixels", limit=limit // 1_000_000) from None
    except DECODE_ERRORS:
        raise refuse("corrupt") from None
    fmt = "JPEG" if im.format == "MPO" else im.format
    if fmt not in FORMATS:
        raise refuse("not_image")
    width, height = im.size
    if width < 1 or height < 1:
        raise refuse("corrupt")
    if width * height > limit:
        raise refuse("too_many_pixels", limit=limit // 1_000_000)
    try:
        container = WALKERS[im.format](data)
    except Corrupt:
        raise refuse("corrupt") from None
    check_tail(data, container)
    try:
        frames = getattr(im, "n_frames", 1) if fmt in ("GIF", "WEBP", "PNG") else 1
        if frames * width * height > limit:
            raise refuse("too_many_frames", frames=frames)
        for frame in range(frames):  # every frame decodes, or the file is refused
            im.seek(frame)
            im.load()
        if frames > 1:
            im.seek(0)
            im.load()
        pixels, changed = normalise(im)
    except (*DECODE_ERRORS, PILImage.DecompressionBombError):
        raise refuse("corrupt") from None
    return Prepared(data, fmt, container, pixels, frames > 1, changed)


def prepare_upload(upload):
    """Size check before reading, then `prepare_bytes`."""
    limit = settings.NEWSROOM_IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise refuse("too_large", size=filesizeformat(upload.size), limit=filesizeformat(limit))
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise refuse("too_large", size=filesizeformat(upload.size), limit=filesizeformat(limit))
    return prepare_bytes(data)


def _upload_help_text():
    return _("JPEG, PNG, WebP, atau GIF; paling besar %(size)s.") % {
        "size": filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES)
    }


class ImageUploadField(forms.FileField):
    """A file field that accepts a picture by its decoded content, never by its name.

    The cleaned upload carries `.prepared` (the checked, normalised image) so saving does not
    decode it twice, and its name is replaced: the uploader's name never goes further.
    """

    def __init__(self, **kwargs):
        # Lazy: the field is built at import, the text is read in the reader's language.
        kwargs.setdefault("help_text", lazy(_upload_help_text, str)())
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        upload.prepared = prepare_upload(upload)
        upload.name = f"upload.{FORMATS[upload.prepared.format][1]}"
        return upload
