"""Small builders shared by every test file, so each test states only what it cares about."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Event, Image, Speaker, Status
from units.models import StaffProfile, UnitKind, WorkUnit

_seq = itertools.count(1)


def unit(name=None, abbreviation=None, kind=UnitKind.DIREKTORAT, parent=None, **extra):
    n = next(_seq)
    return WorkUnit.objects.create(
        name=name or f"Direktorat Uji {n}",
        abbreviation=abbreviation or f"Dit{n}",
        kind=kind,
        parent=parent,
        **extra,
    )


def user(username=None, initials="XX", units=(), groups=(), is_staff=True, **extra):
    n = next(_seq)
    person = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password="rahasia-uji-123",
        is_staff=is_staff,
        email=f"{username or f'user{n}'}@example.test",
        **extra,
    )
    profile = StaffProfile.objects.create(user=person, initials=initials)
    profile.units.set(units)
    if groups:
        from django.contrib.auth.models import Group

        person.groups.set(Group.objects.filter(name__in=groups))
    return person


def image_upload(name="foto.jpg", size=(64, 48), color=(200, 80, 40), fmt="JPEG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, fmt)
    content_type = {
        "JPEG": "image/jpeg",
        "PNG": "image/png",
        "WEBP": "image/webp",
        "GIF": "image/gif",
    }
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type[fmt])


def image(alt_text="Foto kegiatan", **extra):
    return Image.objects.create(file=image_upload(), alt_text=alt_text, **extra)


def article(status=Status.PUBLISHED, owner=None, publish_at=..., **extra):
    n = next(_seq)
    if publish_at is ...:
        publish_at = timezone.now() - timedelta(hours=1) if status == Status.PUBLISHED else None
    fields = {
        "title": f"Berita uji {n}",
        "slug": f"berita-uji-{n}",
        "lead": f"Teras berita uji {n}.",
        "body": f"<p>Isi berita uji {n}.</p>",
        "unit": owner or unit(),
        "status": status,
        "publish_at": publish_at,
    }
    fields.update(extra)
    return Article.objects.create(**fields)


def event(
    status=Status.PUBLISHED, owner=None, publish_at=..., starts_in=timedelta(days=3), **extra
):
    n = next(_seq)
    if publish_at is ...:
        publish_at = timezone.now() - timedelta(hours=1) if status == Status.PUBLISHED else None
    starts = timezone.now() + starts_in
    fields = {
        "title": f"Kegiatan uji {n}",
        "slug": f"kegiatan-uji-{n}",
        "kind": "webinar",
        "mode": "online",
        "platform": "Zoom",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "unit": owner or unit(),
        "status": status,
        "publish_at": publish_at,
    }
    fields.update(extra)
    return Event.objects.create(**fields)


def speaker(name=None, **extra):
    n = next(_seq)
    return Speaker.objects.create(name=name or f"Narasumber Uji {n}", **extra)


def picture_bytes(size=(64, 48), color=(200, 80, 40), fmt="JPEG", mode="RGB", **save_options):
    """Encoded bytes of a plain Pillow picture, for feeding the image pipeline."""
    buffer = io.BytesIO()
    PILImage.new(mode, size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def processed_image(alt_text="Foto kegiatan", size=(2000, 1200), fmt="JPEG", **extra):
    """An Image that went through the pipeline: normalised original plus every rendition."""
    from articles.images import create_image

    upload = SimpleUploadedFile("foto.jpg", picture_bytes(size=size, fmt=fmt))
    return create_image(upload, alt_text=alt_text, **extra)
