"""Decoded pixels made upright and sRGB, with no metadata left on them."""

import io
import re
import struct

from PIL import Image as PILImage
from PIL import ImageCms

SRGB = ImageCms.createProfile("sRGB")
_TRANSPOSE = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}
_XMP_ORIENTATION = re.compile(rb'tiff:Orientation(?:="|>)([1-8])')
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


def _orientation(im):
    try:
        value = im.getexif().get(0x0112)
    except DECODE_ERRORS:
        value = None
    if value is None:
        xmp = im.info.get("xmp") or b""
        found = _XMP_ORIENTATION.search(xmp if isinstance(xmp, bytes) else xmp.encode())
        value = int(found.group(1)) if found else 1
    return value if value in _TRANSPOSE else 1


def _is_srgb(profile):
    try:
        return "srgb" in ImageCms.getProfileDescription(profile).lower()
    except ImageCms.PyCMSError:
        return False


def _to_srgb(im, icc, alpha):
    """Pixels converted from their embedded profile to sRGB; None if the profile is unusable."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if _is_srgb(profile):
            return None
        if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
            im = im.convert("RGBA" if alpha else "RGB")
        out_mode = "RGBA" if im.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(im, profile, SRGB, outputMode=out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def normalise(im):
    """Upright, sRGB, RGB or RGBA pixels with no metadata; and whether the pixels changed."""
    changed = False
    alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    icc = im.info.get("icc_profile")
    orientation = _orientation(im)
    if orientation != 1:
        im = im.transpose(_TRANSPOSE[orientation])
        changed = True
    if icc and (converted := _to_srgb(im, icc, alpha)) is not None:
        im, changed = converted, True
    if im.mode == "CMYK":
        changed = True
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "F"):  # 16-bit greyscale: scale, don't clip
        im = im.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        changed = True
    target = "RGBA" if alpha else "RGB"
    if im.mode != target:
        im = im.convert(target)
    im.info = {}
    return im, changed
