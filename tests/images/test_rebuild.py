"""`manage.py rebuild_renditions`: every image again, with progress an operator can follow."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import ExifTags
from PIL import Image as PILImage

from articles.models import Image
from tests.factories import processed_image

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_progress_lines_when_not_on_a_terminal(django_capture_on_commit_callbacks):
    first, second = processed_image(size=(800, 600)), processed_image(size=(900, 600))
    old = {r["name"] for image in (first, second) for r in image.renditions.values()}
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines == [
        f"[1/2] gambar #{first.pk}",
        f"[2/2] gambar #{second.pk}",
        "2 dari 2 gambar selesai.",
    ]
    assert "\r" not in out.getvalue()
    for image in Image.objects.all():
        assert all(default_storage.exists(r["name"]) for r in image.renditions.values())
        assert old.isdisjoint(r["name"] for r in image.renditions.values())
    assert not any(default_storage.exists(name) for name in old)


def test_progress_bar_on_a_terminal():
    processed_image(size=(700, 500))
    processed_image(size=(700, 500))
    out = Terminal()

    call_command("rebuild_renditions", stdout=out)

    text = out.getvalue()
    assert "\r" in text and "\u2588" in text
    assert "1/2 (50%)" in text and "2/2 (100%)" in text
    assert text.rstrip().endswith("2 dari 2 gambar selesai.")


def test_only_the_named_images():
    first, second = processed_image(size=(700, 500)), processed_image(size=(700, 500))
    untouched = dict(second.renditions)

    call_command("rebuild_renditions", str(first.pk), stdout=io.StringIO())

    second.refresh_from_db()
    assert second.renditions == untouched


def test_image_saved_outside_the_pipeline_is_normalised_too(django_capture_on_commit_callbacks):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "KameraStaf"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "S"
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (10, 120, 200)).save(buffer, "JPEG", exif=exif)
    legacy = Image.objects.create(file=ContentFile(buffer.getvalue(), "lama.jpg"), alt_text="Lama")
    raw_name = legacy.file.name

    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", stdout=io.StringIO())

    legacy.refresh_from_db()
    assert legacy.mime_type == "image/jpeg" and legacy.file_size
    assert "w640.webp" in legacy.renditions
    with legacy.file.open("rb") as handle:
        assert b"Exif" not in handle.read()
    assert not default_storage.exists(raw_name)


def test_a_broken_file_is_reported_and_the_rest_still_done():
    good = processed_image(size=(700, 500))
    before = dict(good.renditions)
    broken = Image.objects.create(file=ContentFile(b"bukan gambar", "rusak.jpg"), alt_text="Rusak")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match=f"1 gambar gagal dibuat ulang: {broken.pk}"):
        call_command("rebuild_renditions", stdout=out, stderr=err)

    assert f"Gambar #{broken.pk} gagal" in err.getvalue()
    good.refresh_from_db()
    assert good.renditions != before
