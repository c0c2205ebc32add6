"""Downloading a press kit: one picture at full resolution, or the whole kit as one zip.

Both are streamed from storage (the local disk or the S3 bucket), never read whole into
memory. The zip is written as it is sent: ZIP_STORED (photographs do not compress), the
sizes in data descriptors after each file, so the first bytes leave before the last
picture is opened. It holds pictures up to MAX_ZIP_BYTES in all; a picture that would pass
the bound stays out and the zip's `keterangan.txt` names it with its own download address.
"""

import mimetypes
import os
import zipfile

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from newsroom.dates import tanggal_jam

from . import sending

MAX_ZIP_BYTES = 300 * 1024 * 1024
CHUNK = 256 * 1024


def size_of(image):
    if image.file_size:
        return image.file_size
    try:
        return image.file.size
    except OSError:
        return 0


def split(pictures):
    """(in the zip, left out): pictures in order while their sizes fit MAX_ZIP_BYTES."""
    inside, outside, total = [], [], 0
    for image in pictures:
        size = size_of(image)
        if total + size <= MAX_ZIP_BYTES:
            inside.append(image)
            total += size
        else:
            outside.append(image)
    return inside, outside


def download_name(image):
    """'peserta-kelas-daring.jpg': originals are stored under random names without an
    extension, so the name comes from the caption and the type from the stored MIME type."""
    stem = slugify(image.caption or image.alt_text)[:60] or f"foto-{image.pk}"
    ext = os.path.splitext(image.file.name)[1].lower()
    if not ext and image.mime_type:
        ext = {"image/jpeg": ".jpg"}.get(image.mime_type) or mimetypes.guess_extension(
            image.mime_type
        )
    return stem + (ext or "")


def file_name(number, image):
    """'01-peserta-kelas-daring.jpg': numbered in kit order, as the text file lists them."""
    return f"{number:02d}-{download_name(image)}"


def _lines(kit, inside, outside):
    article, release = kit.article, kit.release
    lines = [str(article.title), ""]
    if not kit.public and release.embargo_until:
        lines += [sending.embargo_line(release.embargo_until), ""]
    lines.append(_("Foto"))
    photo, apart = _("Foto:"), _("Unduh terpisah")
    for number, image in enumerate(inside, start=1):
        credit = f" ({photo} {image.credit})" if image.credit else ""
        lines.append(f"{file_name(number, image)}: {image.caption or image.alt_text}{credit}")
    for image in outside:
        url = sending.absolute(kit.picture_url(image))
        lines.append(f"{apart}: {url} — {image.caption or image.alt_text}")
    event = kit.event
    if event is not None:
        lines += ["", _("Kegiatan"), str(event.title), tanggal_jam(event.starts_at)]
        place = ", ".join(part for part in (event.venue, event.address, event.platform) if part)
        if place:
            lines.append(place)
    if kit.speakers:
        lines += ["", pgettext("plural", "Narasumber")]
        for speaker, roles in kit.speakers:
            extra = ", ".join([*roles, speaker.position] if speaker.position else roles)
            lines.append(f"- {speaker.full_name}" + (f" ({extra})" if extra else ""))
    contact = (release.contact_name, release.contact_email, release.contact_phone)
    contact = ", ".join(part for part in contact if part)
    lines += ["", _("Narahubung:") + " " + contact, ""]
    return "\r\n".join(lines)


class _Pipe:
    """A write-only file the zip writer fills and the response drains chunk by chunk."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def zip_chunks(kit):
    """The bytes of the kit's zip, in chunks, as they are made."""
    inside, outside = split(kit.pictures)
    pipe = _Pipe()
    stamp = timezone.localtime().timetuple()[:6]
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        text = _lines(kit, inside, outside).encode("utf-8")
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("keterangan.txt", stamp), text)
        yield pipe.take()
        for number, image in enumerate(inside, start=1):
            info = zipfile.ZipInfo(file_name(number, image), stamp)
            opened = image.file.storage.open(image.file.name, "rb")
            with opened as source, archive.open(info, "w") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()


def zip_name(kit):
    return f"bahan-pers-{slugify(kit.article.slug)[:80] or kit.article.pk}.zip"
