"""The image pipeline: every picture staff upload passes through here once, at upload time.

Uploads come from staff phones (EXIF rotation, GPS positions, wide-gamut colour profiles)
and from whatever was downloaded off the internet (anything renamed .jpg, files with
something appended). The browser's word is never taken: a file is judged by what Pillow
decodes and by walking its container to the end, and only bytes this module produced or
re-checked reach storage. Renditions are made here, in the request that uploads, so no
page view ever waits on Pillow and a broken file is refused while the editor is present.

Entry points: `ImageUploadField` (forms), `create_image` / `save_image` (services),
`rebuild_renditions` (focal point changes, the management command), `stored_names`.
"""

import io
import re
import struct
import uuid
import warnings
from dataclasses import dataclass
from functools import cached_property, partial

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageCms, UnidentifiedImageError

from .models import Article, Image
from .models.images import original_path

# Pillow format name -> (MIME type, file extension).
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
ACCEPT = ",".join(mime for mime, _ext in FORMATS.values())
# Layout widths, never upscaled; a smaller original gets one rendition at its own width.
WIDTHS = (480, 960, 1600)
# Crops centred on the focal point: Open Graph / Twitter cards, and speaker portraits.
CROPS = {"social": (1200, 630), "square": (600, 600)}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}

MESSAGES = {
    "too_large": _("Ukuran berkas %(size)s melebihi batas %(limit)s. Perkecil gambarnya dulu."),
    "not_image": _(
        "Berkas ini bukan gambar JPEG, PNG, WebP, atau GIF. Jenis berkas dikenali dari isinya, "
        "bukan dari nama berkasnya."
    ),
    "too_many_pixels": _(
        "Resolusi gambar terlalu besar: batasnya %(limit)s megapiksel. Perkecil gambarnya lalu "
        "unggah kembali."
    ),
    "too_many_frames": _(
        "Animasi terlalu panjang atau terlalu besar (%(frames)s bingkai). Gunakan video untuk "
        "animasi sepanjang ini."
    ),
    "corrupt": _(
        "Berkas gambar rusak atau terpotong sehingga tidak dapat dibaca. Unggah ulang berkas "
        "aslinya."
    ),
    "polyglot": _(
        "Berkas memuat data lain setelah akhir gambar (misalnya berkas yang disisipkan atau "
        "video “Motion Photo”). Simpan ulang fotonya sebagai JPEG atau PNG biasa, "
        "lalu unggah kembali."
    ),
}


def _refuse(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


class Corrupt(Exception):
    """The container does not hold together: truncated, or not what its header says."""


# --- Containers ---------------------------------------------------------------------------
# Each walker follows its format's structure to the real end of the image and returns the
# same image without metadata. Bytes after that end mean a second file rides along.


@dataclass
class Container:
    end: int
    stripped: bytes
    lossless: bool = False
    mpf_tail: tuple = ()  # (offset, size) of images a multi-picture JPEG declares after itself


_JPEG_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _walk_jpeg(data, start=0):
    n = len(data)
    if data[start : start + 2] != b"\xff\xd8":
        raise Corrupt("no SOI")
    pos = start + 2
    kept = [b"\xff\xd8"]
    mpf = None
    while True:
        if pos >= n or data[pos] != 0xFF:
            raise Corrupt("marker expected")
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            raise Corrupt("truncated")
        marker, seg_start = data[pos], pos - 1
        pos += 1
        if marker == 0xD9:
            kept.append(b"\xff\xd9")
            return pos, b"".join(kept), mpf
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            kept.append(data[seg_start:pos])
            continue
        if pos + 2 > n:
            raise Corrupt("truncated")
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > n:
            raise Corrupt("bad segment length")
        payload = data[pos + 2 : pos + length]
        pos += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            found = _JPEG_MARKER_IN_SCAN.search(data, pos)
            if found is None:
                raise Corrupt("truncated scan")
            pos = found.start()
        if marker == 0xE2 and payload.startswith(b"MPF\x00"):
            mpf = (seg_start + 8, payload[4:])
        # Metadata (EXIF, XMP, IPTC, ICC, comments) goes; Adobe's colour-transform flag stays.
        if (0xE0 <= marker <= 0xEF and not (marker == 0xEE and payload.startswith(b"Adobe"))) or (
            marker == 0xFE
        ):
            continue
        kept.append(data[seg_start:pos])


def _mpf_images(mpf):
    """(offset, size) of the extra images an MPF directory declares (MPO, Ultra HDR gain map)."""
    base, tiff = mpf
    try:
        endian = {b"II": "<", b"MM": ">"}[tiff[:2]]
        (ifd,) = struct.unpack_from(endian + "I", tiff, 4)
        (count,) = struct.unpack_from(endian + "H", tiff, ifd)
        for i in range(count):
            tag, _type, n, value = struct.unpack_from(endian + "HHII", tiff, ifd + 2 + 12 * i)
            if tag == 0xB002:
                entries = [
                    struct.unpack_from(endian + "IIIHH", tiff, value + 16 * k)
                    for k in range(n // 16)
                ]
                return tuple(
                    (base + offset, size) for _attr, size, offset, _d1, _d2 in entries if offset
                )
    except (KeyError, struct.error):
        raise Corrupt("bad MPF directory") from None
    return ()


def _jpeg(data):
    end, stripped, mpf = _walk_jpeg(data)
    tail = _mpf_images(mpf) if mpf and end < len(data) else ()
    return Container(end, stripped, mpf_tail=tail)


_PNG_KEEP = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"acTL", b"fcTL", b"fdAT"}


def _png(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Corrupt("no PNG signature")
    n, pos, kept = len(data), 8, [data[:8]]
    while True:
        if pos + 12 > n:
            raise Corrupt("truncated")
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > n:
            raise Corrupt("truncated chunk")
        if kind in _PNG_KEEP:
            kept.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return Container(pos, b"".join(kept))


def _gif_sub_blocks(data, pos):
    n = len(data)
    while True:
        if pos >= n:
            raise Corrupt("truncated")
        size = data[pos]
        pos += 1
        if size == 0:
            return pos
        pos += size


def _gif(data):
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise Corrupt("no GIF header")
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    kept, n = [data[:pos]], len(data)
    while True:
        if pos >= n:
            raise Corrupt("truncated")
        block = data[pos]
        if block == 0x3B:
            kept.append(b"\x3b")
            return Container(pos + 1, b"".join(kept))
        if block == 0x21 and pos + 2 <= n:
            label = data[pos + 1]
            end = _gif_sub_blocks(data, pos + 2)
            app = data[pos + 3 : pos + 14]
            # Frame timing and looping stay; comments, XMP, ICC and plain-text blocks go.
            if label == 0xF9 or (label == 0xFF and app in (b"NETSCAPE2.0", b"ANIMEXTS1.0")):
                kept.append(data[pos:end])
        elif block == 0x2C and pos + 11 <= n:
            flags = data[pos + 9]
            table = 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0
            end = _gif_sub_blocks(data, pos + 10 + table + 1)
            kept.append(data[pos:end])
        else:
            raise Corrupt("unknown GIF block")
        pos = end


def _webp(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise Corrupt("no RIFF/WEBP header")
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise Corrupt("truncated")
    pos, chunks, kinds = 12, [], set()
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        stop = pos + 8 + size + (size & 1)
        if pos + 8 + size > end:
            raise Corrupt("truncated chunk")
        kinds.add(kind)
        if kind == b"VP8X":  # clear the ICC, EXIF and XMP flags of the chunks dropped below
            chunk = bytearray(data[pos:stop])
            chunk[8] &= ~0x2C & 0xFF
            chunks.append(bytes(chunk))
        elif kind not in (b"EXIF", b"XMP ", b"ICCP"):
            chunks.append(data[pos:stop])
        pos = stop
    body = b"WEBP" + b"".join(chunks)
    stripped = b"RIFF" + len(body).to_bytes(4, "little") + body
    return Container(end, stripped, lossless=b"VP8L" in kinds and b"VP8 " not in kinds)


WALKERS = {"JPEG": _jpeg, "MPO": _jpeg, "PNG": _png, "GIF": _gif, "WEBP": _webp}


def _check_tail(data, container):
    """Anything after the image must be nothing, zero padding, or images the JPEG declares."""
    pos = container.end
    for offset, _size in container.mpf_tail:
        if offset < pos or data[pos:offset].strip(b"\x00"):
            break
        try:
            end, _stripped, _mpf = _walk_jpeg(data, offset)
        except Corrupt:
            break
        pos = end
    if data[pos:].strip(b"\x00"):
        raise _refuse("polyglot")


# --- Pixels --------------------------------------------------------------------------------

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
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


def _orientation(im):
    try:
        value = im.getexif().get(0x0112)
    except _DECODE_ERRORS:
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


def _normalise(im):
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
        raise _refuse("corrupt")
    limit = settings.NEWSROOM_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            im = PILImage.open(io.BytesIO(data), formats=list(FORMATS))
    except UnidentifiedImageError:
        raise _refuse("not_image") from None
    except PILImage.DecompressionBombError:
        raise _refuse("too_many_pixels", limit=limit // 1_000_000) from None
    except _DECODE_ERRORS:
        raise _refuse("corrupt") from None
    fmt = "JPEG" if im.format == "MPO" else im.format
    if fmt not in FORMATS:
        raise _refuse("not_image")
    width, height = im.size
    if width < 1 or height < 1:
        raise _refuse("corrupt")
    if width * height > limit:
        raise _refuse("too_many_pixels", limit=limit // 1_000_000)
    try:
        container = WALKERS[im.format](data)
    except Corrupt:
        raise _refuse("corrupt") from None
    _check_tail(data, container)
    try:
        frames = getattr(im, "n_frames", 1) if fmt in ("GIF", "WEBP", "PNG") else 1
        if frames * width * height > limit:
            raise _refuse("too_many_frames", frames=frames)
        for frame in range(frames):  # every frame decodes, or the file is refused
            im.seek(frame)
            im.load()
        if frames > 1:
            im.seek(0)
            im.load()
        pixels, changed = _normalise(im)
    except (*_DECODE_ERRORS, PILImage.DecompressionBombError):
        raise _refuse("corrupt") from None
    return Prepared(data, fmt, container, pixels, frames > 1, changed)


def prepare_upload(upload):
    """Size check before reading, then `prepare_bytes`."""
    limit = settings.NEWSROOM_IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _refuse("too_large", size=filesizeformat(upload.size), limit=filesizeformat(limit))
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse("too_large", size=filesizeformat(upload.size), limit=filesizeformat(limit))
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


# --- Renditions ----------------------------------------------------------------------------


def _encode(im, fmt):
    buffer = io.BytesIO()
    if fmt == "webp":
        im.save(buffer, "WEBP", quality=80, method=4)
    elif fmt == "jpeg":
        im.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        im.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def focal_box(width, height, ratio, focal_x, focal_y):
    """The largest box of the given aspect ratio, centred on the focal point, inside the image."""
    if width / height > ratio:
        box_w, box_h = height * ratio, height
    else:
        box_w, box_h = width, width / ratio
    left = min(max(focal_x * width - box_w / 2, 0), width - box_w)
    top = min(max(focal_y * height - box_h / 2, 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _flatten(im):
    if im.mode != "RGBA":
        return im
    flat = PILImage.new("RGB", im.size, (255, 255, 255))
    flat.paste(im, mask=im.getchannel("A"))
    return flat


def make_renditions(pixels, focal_x=0.5, focal_y=0.5):
    """[(label, format, PIL image)] for every rendition of the normalised pixels.

    Widths in WebP plus a fallback (JPEG, or PNG where transparency must survive); the social
    crop is JPEG flattened on white, because networks paint transparent areas black.
    """
    fallback = "png" if pixels.mode == "RGBA" else "jpeg"
    width, height = pixels.size
    out = []
    current = pixels
    for target in sorted({min(width, w) for w in WIDTHS}, reverse=True):
        size = (target, max(1, round(height * target / width)))
        if current.size != size:  # each width from the one above it: fast and still sharp
            current = current.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        out += [(f"w{target}", "webp", current), (f"w{target}", fallback, current)]
    for label, (crop_w, crop_h) in CROPS.items():
        box = focal_box(width, height, crop_w / crop_h, focal_x, focal_y)
        box_w = box[2] - box[0]
        size = (
            (crop_w, crop_h) if box_w >= crop_w else (round(box_w), round(box_w * crop_h / crop_w))
        )
        crop = pixels.resize(
            (max(1, size[0]), max(1, size[1])),
            PILImage.Resampling.LANCZOS,
            box=box,
            reducing_gap=3.0,
        )
        if label == "social":
            out.append((label, "jpeg", _flatten(crop)))
        else:
            out += [(label, "webp", crop), (label, fallback, crop)]
    return out


# --- Storage -------------------------------------------------------------------------------


def stored_names(image):
    """Every storage name that belongs to the image: its original and its renditions."""
    names = [image.file.name] if image.file else []
    return names + [r["name"] for r in (image.renditions or {}).values() if r.get("name")]


def articles_showing(image):
    """Articles (any status) whose body shows the picture.

    A body refers to its pictures only by the original's URL, so removing or renaming that
    file would leave a broken image in the article: the picture library refuses both.
    """
    if image.pk is None:
        return Article.objects.none()
    name = Image.objects.filter(pk=image.pk).values_list("file", flat=True).first()
    if not name:
        return Article.objects.none()
    return Article.objects.filter(body__contains=name).order_by("-updated_at", "-pk")


def shown_publicly(image):
    """Whether readers see the picture now: on a live article, a speaker or a partner."""
    from units.models import Partner

    from .models import Speaker

    live = Article.objects.published()
    return (
        live.filter(featured_image=image).exists()
        or articles_showing(image).filter(pk__in=live.values("pk")).exists()
        or Speaker.objects.filter(photo=image).exists()
        or Partner.objects.filter(logo=image).exists()
    )


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
            f"images/renditions/{token[:2]}/{token}-{key}", ContentFile(_encode(im, fmt))
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
