"""What reaches storage: upright, sRGB, no EXIF/XMP/GPS, transparency and animation kept."""

import io
import struct

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageChops, ImageDraw
from PIL import Image as PILImage

from articles.images.storage import create_image

pytestmark = pytest.mark.django_db

GPS_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="6,12.5S" exif:GPSLongitude="106,49.2E"/></rdf:RDF></x:xmpmeta>'
)


def upload(data, name="foto.jpg"):
    return SimpleUploadedFile(name, data)


def stored(name):
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def opened(name):
    im = PILImage.open(io.BytesIO(stored(name)))
    im.load()
    return im


def phone_exif(orientation=1):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "KameraStaf"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 12.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 10.0)
    return exif


def two_colour(size=(200, 100), left=(220, 20, 20), right=(20, 20, 220)):
    im = PILImage.new("RGB", size, right)
    ImageDraw.Draw(im).rectangle([0, 0, size[0] // 2 - 1, size[1]], fill=left)
    return im


def encoded(im, fmt="JPEG", **options):
    buffer = io.BytesIO()
    im.save(buffer, fmt, **options)
    return buffer.getvalue()


def all_files(image):
    return [image.file.name] + [r["name"] for r in image.renditions.values()]


def assert_no_metadata(data):
    for marker in (b"Exif\x00\x00", b"KameraStaf", b"GPS", b"xmpmeta", b"ns.adobe.com"):
        assert marker not in data


def test_phone_photo_is_stored_upright_without_exif_gps_or_xmp():
    data = encoded(two_colour(), exif=phone_exif(orientation=6), xmp=GPS_XMP, quality=95)
    assert PILImage.open(io.BytesIO(data)).getexif()[ExifTags.Base.Orientation] == 6

    image = create_image(upload(data), alt_text="Foto dari ponsel")

    assert (image.width, image.height) == (100, 200)
    for name in all_files(image):
        assert_no_metadata(stored(name))
        im = opened(name)
        assert not im.getexif()
        assert "exif" not in im.info and "xmp" not in im.info
    original = opened(image.file.name)
    assert original.size == (100, 200)
    # Rotated 90° clockwise: what was on the left is now at the top.
    top, bottom = original.getpixel((50, 10)), original.getpixel((50, 190))
    assert top[0] > 180 and top[2] < 80
    assert bottom[2] > 180 and bottom[0] < 80


def test_upright_jpeg_keeps_its_pixels_byte_for_byte_and_loses_only_metadata():
    source = PILImage.effect_noise((320, 240), 60).convert("RGB")
    data = encoded(source, exif=phone_exif(), xmp=GPS_XMP, quality=90, comment=b"rahasia")

    image = create_image(upload(data), alt_text="Foto tegak")

    kept = stored(image.file.name)
    assert_no_metadata(kept)
    assert b"rahasia" not in kept
    assert len(kept) < len(data)
    original = PILImage.open(io.BytesIO(data)).convert("RGB")
    assert ImageChops.difference(opened(image.file.name).convert("RGB"), original).getbbox() is None


def test_cmyk_jpeg_becomes_rgb_with_the_same_colour():
    data = encoded(PILImage.new("CMYK", (300, 200), (0, 255, 255, 0)))

    image = create_image(upload(data), alt_text="Spanduk merah")

    for name in all_files(image):
        im = opened(name)
        assert im.mode == "RGB"
        red, green, blue = im.getpixel((im.width // 2, im.height // 2))
        assert red > 200 and green < 70 and blue < 70


def _s15(value):
    return struct.pack(">i", round(value * 65536))


def _xyz(x, y, z):
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def swapped_primaries_profile():
    """An RGB ICC profile whose red channel is sRGB's green and vice versa (ICC v2)."""
    name = b"Profil uji merah-hijau\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(name)) + name + b"\0" * (4 + 4 + 2 + 1 + 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz(0.3851, 0.7169, 0.0971)),
        (b"gXYZ", _xyz(0.4361, 0.2225, 0.0139)),
        (b"bXYZ", _xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, blobs = b"", b""
    for signature, blob in tags:
        table += signature + struct.pack(">II", offset + len(blobs), len(blob))
        blobs += blob + b"\0" * (-len(blob) % 4)
    size = offset + len(blobs)
    header = (
        struct.pack(">I", size)
        + b"lcms\x02\x10\0\0mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 28
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + b"\0" * 48
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + blobs


def test_embedded_colour_profile_is_converted_to_srgb_and_dropped():
    data = encoded(
        PILImage.new("RGB", (200, 120), (255, 0, 0)), icc_profile=swapped_primaries_profile()
    )

    image = create_image(upload(data), alt_text="Profil warna lebar")

    for name in all_files(image):
        im = opened(name)
        assert "icc_profile" not in im.info
        red, green, blue = im.convert("RGB").getpixel((100, 60))
        assert green > 200 and red < 80, (name, (red, green, blue))


def palette_png_with_transparency():
    im = PILImage.new("P", (300, 200), 0)
    im.putpalette([255, 255, 255, 200, 0, 0] + [0, 0, 0] * 254)
    ImageDraw.Draw(im).rectangle([100, 50, 199, 149], fill=1)
    return encoded(im, "PNG", transparency=0)


def test_palette_png_keeps_transparency_where_the_format_allows():
    image = create_image(upload(palette_png_with_transparency(), "logo.png"), alt_text="Logo")

    assert image.mime_type == "image/png"
    original = opened(image.file.name).convert("RGBA")
    assert original.getpixel((0, 0))[3] == 0
    assert original.getpixel((150, 100)) == (200, 0, 0, 255)
    for key, rendition in image.renditions.items():
        im = opened(rendition["name"])
        if key.startswith("social"):
            assert im.format == "JPEG"  # networks paint transparency black: flattened on white
            assert im.getpixel((0, 0)) == (255, 255, 255)
        else:
            assert im.format in ("WEBP", "PNG")
            assert im.convert("RGBA").getpixel((0, 0))[3] == 0
    assert not any(r["format"] == "jpeg" for k, r in image.renditions.items() if k != "social.jpg")


def test_animated_gif_keeps_its_animation_and_renditions_show_the_first_frame():
    frames = [PILImage.new("RGB", (120, 80), c) for c in ((220, 0, 0), (0, 200, 0), (0, 0, 220))]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=120,
        loop=0,
        comment=b"rahasia",
    )

    image = create_image(upload(buffer.getvalue(), "anim.gif"), alt_text="Animasi")

    data = stored(image.file.name)
    assert b"rahasia" not in data
    original = opened(image.file.name)
    assert original.format == "GIF" and original.n_frames == 3
    original.seek(2)
    assert original.convert("RGB").getpixel((60, 40))[2] > 180
    webp = opened(image.renditions["w120.webp"]["name"])
    assert getattr(webp, "n_frames", 1) == 1
    assert webp.convert("RGB").getpixel((60, 40))[0] > 180


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_originals_lose_exif_xmp_and_text(fmt):
    from PIL import PngImagePlugin

    source = PILImage.effect_noise((200, 150), 40).convert("RGBA")
    options = {"exif": phone_exif(), "xmp": GPS_XMP}
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "KameraStaf rahasia")
        options["pnginfo"] = text
    else:
        options["lossless"] = True
    data = encoded(source, fmt, **options)
    assert b"KameraStaf" in data

    image = create_image(upload(data, f"foto.{fmt.lower()}"), alt_text="Grafik")

    kept = stored(image.file.name)
    assert_no_metadata(kept)
    original = opened(image.file.name)
    assert original.format == fmt
    assert ImageChops.difference(original.convert("RGBA"), source).getbbox() is None
