"""Uploads judged by their content: each bad file refused with its own reason, nothing stored."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.images.storage import create_image
from articles.images.uploads import ImageUploadField
from articles.models import Image
from tests.factories import picture_bytes

pytestmark = pytest.mark.django_db


def refusal(data, name="foto.jpg"):
    with pytest.raises(ValidationError) as caught:
        ImageUploadField().clean(SimpleUploadedFile(name, data))
    return caught.value


def noisy_jpeg(size=(400, 300)):
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 64).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_chunk(kind, payload):
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def png_header_only(width, height):
    """A PNG that claims width×height pixels in a few dozen bytes: no memory is allocated."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("muatan.html", "<script>alert('x')</script>")
    return buffer.getvalue()


def test_text_renamed_jpg_is_not_an_image():
    error = refusal(b"Ini hanya teks yang diberi nama .jpg\n" * 20)
    assert error.code == "not_image"
    assert "bukan gambar JPEG, PNG, WebP, atau GIF" in error.messages[0]


def test_real_image_of_a_format_we_do_not_serve_is_refused():
    assert refusal(picture_bytes(fmt="BMP")).code == "not_image"
    assert refusal(picture_bytes(fmt="TIFF"), "foto.png").code == "not_image"


def test_truncated_jpeg_is_refused_as_corrupt():
    data = noisy_jpeg()
    error = refusal(data[: len(data) * 3 // 5])
    assert error.code == "corrupt"
    assert "rusak atau terpotong" in error.messages[0]


def test_truncated_png_and_gif_are_refused():
    png = picture_bytes(size=(300, 200), fmt="PNG")
    assert refusal(png[:-20], "logo.png").code == "corrupt"
    gif = picture_bytes(size=(300, 200), fmt="GIF")
    assert refusal(gif[:-5], "anim.gif").code == "corrupt"


def test_decompression_bomb_is_refused_from_its_header():
    bomb = png_header_only(20000, 20000)
    assert len(bomb) < 200
    error = refusal(bomb, "bom.png")
    assert error.code == "too_many_pixels"
    assert "megapiksel" in error.messages[0]


def test_pixel_limit_follows_the_setting(settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1_000_000
    error = refusal(png_header_only(2000, 1000), "besar.png")
    assert error.code == "too_many_pixels"
    assert "1 megapiksel" in error.messages[0]


def test_byte_limit_follows_the_setting(settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 2000
    error = refusal(noisy_jpeg())
    assert error.code == "too_large"
    assert "melebihi batas" in error.messages[0]


def test_long_animation_is_refused(settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 40_000
    frames = [PILImage.new("RGB", (100, 100), (i * 40, 0, 0)) for i in range(5)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert refusal(buffer.getvalue(), "anim.gif").code == "too_many_frames"


@pytest.mark.parametrize(
    ("image", "appended", "name"),
    [
        ("JPEG", "zip", "foto.jpg"),
        ("JPEG", b"<html><script>alert(document.cookie)</script></html>", "foto.jpg"),
        ("PNG", b"<script>alert(1)</script>", "logo.png"),
        ("GIF", "zip", "anim.gif"),
        ("WEBP", b"PK\x03\x04 sisa berkas lain", "foto.webp"),
    ],
)
def test_polyglot_with_another_file_appended_is_refused(image, appended, name):
    payload = zip_bytes() if appended == "zip" else appended
    error = refusal(picture_bytes(size=(120, 90), fmt=image) + payload, name)
    assert error.code == "polyglot"
    assert "data lain setelah akhir gambar" in error.messages[0]


def test_zero_padding_after_the_image_is_harmless():
    upload = ImageUploadField().clean(SimpleUploadedFile("foto.jpg", noisy_jpeg() + b"\0" * 64))
    assert upload.prepared.format == "JPEG"


def multi_picture_jpeg():
    first, second = PILImage.new("RGB", (160, 120), "red"), PILImage.new("RGB", (160, 120), "blue")
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def test_multi_picture_jpeg_is_accepted_and_stored_as_its_first_picture():
    """Cameras and phones (MPO, Ultra HDR gain maps) declare their extra pictures: allowed."""
    image = create_image(SimpleUploadedFile("kamera.jpg", multi_picture_jpeg()), alt_text="MPO")

    with image.file.open("rb") as handle:
        stored = PILImage.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    assert getattr(stored, "n_frames", 1) == 1
    assert stored.convert("RGB").getpixel((80, 60))[0] > 200


def test_multi_picture_jpeg_with_an_undeclared_file_appended_is_refused():
    assert refusal(multi_picture_jpeg() + zip_bytes()).code == "polyglot"


def test_file_name_is_irrelevant_and_never_kept():
    upload = ImageUploadField().clean(
        SimpleUploadedFile("../../etc/passwd.txt", picture_bytes(fmt="PNG"))
    )
    assert upload.prepared.format == "PNG"
    assert upload.name == "upload.png"
    image = create_image(upload, alt_text="Nama aneh")
    assert image.file.name.startswith("images/originals/")
    assert image.file.name.endswith(".png") and "passwd" not in image.file.name


def test_refused_upload_leaves_no_row_and_no_file(settings):
    with pytest.raises(ValidationError):
        create_image(SimpleUploadedFile("foto.jpg", b"bukan gambar"), alt_text="x")
    assert Image.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
