"""Renditions made at upload: every width and crop present, right size and format, on focus."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.images.renditions import focal_box
from articles.images.storage import create_image, rebuild_renditions
from tests.factories import picture_bytes

pytestmark = pytest.mark.django_db

FORMAT_NAMES = {"webp": "WEBP", "jpeg": "JPEG", "png": "PNG"}


def opened(name):
    with default_storage.open(name, "rb") as handle:
        im = PILImage.open(io.BytesIO(handle.read()))
        im.load()
    return im


def test_large_photo_gets_every_width_and_crop_with_the_right_size_and_format():
    upload = SimpleUploadedFile("besar.jpg", picture_bytes(size=(3200, 2400)))

    image = create_image(upload, alt_text="Foto besar")

    expected = {
        "w480.webp": (480, 360),
        "w480.jpg": (480, 360),
        "w960.webp": (960, 720),
        "w960.jpg": (960, 720),
        "w1600.webp": (1600, 1200),
        "w1600.jpg": (1600, 1200),
        "social.jpg": (1200, 630),
        "square.webp": (600, 600),
        "square.jpg": (600, 600),
    }
    assert {key: (r["width"], r["height"]) for key, r in image.renditions.items()} == expected
    for rendition in image.renditions.values():
        im = opened(rendition["name"])
        assert im.format == FORMAT_NAMES[rendition["format"]]
        assert im.size == (rendition["width"], rendition["height"])
    assert (image.width, image.height) == (3200, 2400)
    assert image.mime_type == "image/jpeg"
    assert image.file_size == default_storage.size(image.file.name)


def test_small_image_is_never_upscaled():
    image = create_image(
        SimpleUploadedFile("kecil.png", picture_bytes(size=(300, 200), fmt="PNG")), alt_text="Ikon"
    )

    sizes = {key: (r["width"], r["height"]) for key, r in image.renditions.items()}
    assert sizes == {
        "w300.webp": (300, 200),
        "w300.jpg": (300, 200),
        "social.jpg": (300, 158),
        "square.webp": (200, 200),
        "square.jpg": (200, 200),
    }


def stripes():
    """1200×400: red, green and blue thirds, so a square crop shows where it was taken."""
    im = PILImage.new("RGB", (1200, 400), (0, 0, 230))
    draw = ImageDraw.Draw(im)
    draw.rectangle([0, 0, 399, 399], fill=(230, 0, 0))
    draw.rectangle([400, 0, 799, 399], fill=(0, 200, 0))
    buffer = io.BytesIO()
    im.save(buffer, "PNG")
    return buffer.getvalue()


def square_centre(image):
    return opened(image.renditions["square.jpg"]["name"]).getpixel((200, 200))


def test_crops_follow_the_focal_point():
    image = create_image(SimpleUploadedFile("garis.png", stripes()), alt_text="Tiga warna")
    assert square_centre(image)[1] > 180  # default focal point: the centre, green

    image.focal_x = 0.0
    image.save()
    rebuild_renditions(image)
    assert square_centre(image)[0] > 180  # left edge: red

    image.focal_x = 1.0
    image.save()
    rebuild_renditions(image)
    assert square_centre(image)[2] > 180  # right edge: blue


@pytest.mark.parametrize(
    ("focal", "box"),
    [
        ((0.5, 0.5), (400, 0, 800, 400)),
        ((0.0, 0.0), (0, 0, 400, 400)),
        ((1.0, 1.0), (800, 0, 1200, 400)),
        ((0.1, 0.5), (0, 0, 400, 400)),
    ],
)
def test_focal_box_stays_inside_the_image(focal, box):
    assert focal_box(1200, 400, 1.0, *focal) == box


def test_rebuild_replaces_renditions_and_removes_the_old_files(django_capture_on_commit_callbacks):
    image = create_image(SimpleUploadedFile("a.jpg", picture_bytes(size=(1000, 800))), alt_text="A")
    before = [r["name"] for r in image.renditions.values()]
    original = image.file.name

    with django_capture_on_commit_callbacks(execute=True):
        rebuild_renditions(image)

    after = [r["name"] for r in image.renditions.values()]
    assert set(before).isdisjoint(after)
    assert all(default_storage.exists(name) for name in after)
    assert not any(default_storage.exists(name) for name in before)
    assert image.file.name == original and default_storage.exists(original)
