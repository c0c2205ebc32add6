"""A PNG's pixel data must all be there: a short file is refused, never stored as black."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import ImageFile

from articles.images.uploads import prepare_bytes

from .test_validation import png_chunk


def tiny_png_claiming(width, height, pixel_data):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", pixel_data)
        + png_chunk(b"IEND", b"")
    )


@pytest.fixture(params=[False, True], ids=["strict", "lenient decoder"])
def decoder(request, monkeypatch):
    """Any library may switch Pillow to lenient; the check must not depend on it."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", request.param)


@pytest.mark.parametrize(
    "pixel_data",
    [
        zlib.compress(b"\0" * 30000)[:40],  # cut off: the 100-byte upload
        zlib.compress(b"\0" * 30000),  # complete stream, far too few rows
        b"",
        b"not deflate at all",
    ],
    ids=["cut", "short", "empty", "garbage"],
)
def test_png_with_missing_pixel_data_is_refused(decoder, pixel_data):
    data = tiny_png_claiming(7680, 7680, pixel_data)
    assert len(data) < 200
    with pytest.raises(ValidationError) as caught:
        prepare_bytes(data)
    assert caught.value.code == "corrupt"


def encoded(mode, size=(37, 23), **options):
    im = PILImage.effect_noise(size, 60).convert(mode)
    buffer = io.BytesIO()
    im.save(buffer, "PNG", **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("mode", "options"),
    [
        ("RGB", {}),
        ("RGBA", {}),
        ("L", {}),
        ("1", {}),
        ("P", {}),
        ("I;16", {}),
        ("LA", {}),
    ],
)
def test_complete_pngs_of_every_layout_still_pass(decoder, mode, options):
    prepared = prepare_bytes(encoded(mode, **options))
    assert prepared.pixels.size == (37, 23)


def interlaced_png(width, height, drop_rows=0):
    """Adam7 by hand (Pillow does not write it): seven passes of filter byte + RGB rows."""
    rows = []
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
                           (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):  # fmt: skip
        w = (width - x0 + dx - 1) // dx if width > x0 else 0
        h = (height - y0 + dy - 1) // dy if height > y0 else 0
        if w and h:
            rows += [b"\0" + bytes([120, 60, 30]) * w for _ in range(h)]
    pixels = b"".join(rows[: len(rows) - drop_rows])
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(pixels))
        + png_chunk(b"IEND", b"")
    )


def test_complete_interlaced_png_passes_and_a_short_one_does_not(decoder):
    assert prepare_bytes(interlaced_png(13, 9)).pixels.getpixel((12, 8)) == (120, 60, 30)
    with pytest.raises(ValidationError) as caught:
        prepare_bytes(interlaced_png(13, 9, drop_rows=1))
    assert caught.value.code == "corrupt"
