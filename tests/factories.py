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


def admin_form_data(response, form_id=None):
    """The POST data a browser would send back from an admin form, unchanged.

    Reads inputs, selects and textareas of the page's POST form, so a test can save a
    change form exactly as rendered, or change one field and keep the rest. Every value
    is a list, as the test client accepts for any field.
    """
    from html.parser import HTMLParser

    class FormReader(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self.in_form, self.select, self.textarea = {}, False, None, None
            self.textarea_start = False

        def add(self, name, value):
            self.data.setdefault(name, []).append(value)

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form":
                wanted = attrs.get("id") == form_id if form_id else attrs.get("id") != "logout-form"
                self.in_form = wanted and attrs.get("method", "").lower() == "post"
            if not self.in_form or "name" not in attrs and tag != "option":
                return
            if tag == "input":
                kind = attrs.get("type", "text")
                if kind in ("submit", "button", "file", "image", "reset"):
                    return
                if kind in ("checkbox", "radio") and "checked" not in attrs:
                    return
                self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
            elif tag == "select":
                self.select = attrs["name"]
                self.data.setdefault(self.select, [])
            elif tag == "option" and self.select and "selected" in attrs:
                self.add(self.select, attrs.get("value", ""))
            elif tag == "textarea":
                self.textarea = attrs["name"]
                self.add(self.textarea, "")
                self.textarea_start = True

        def handle_endtag(self, tag):
            if tag == "form":
                self.in_form = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea:
                if self.textarea_start and data.startswith("\n"):
                    data = data[1:]  # the newline after <textarea> is markup, not value
                self.textarea_start = False
                self.data[self.textarea][-1] += data

    reader = FormReader()
    reader.feed(response.content.decode())
    return reader.data


def press_release_story():
    """The example press release as public objects: units, a partner, speakers, the online
    class of Thursday 25 June 2020 10.00 WIB and the article that covers it."""
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from articles.models import Correction, EventSpeaker, Partner

    wib = ZoneInfo("Asia/Jakarta")
    start = timezone.datetime(2020, 6, 25, 10, 0, tzinfo=wib)
    ditjen = unit("Direktorat Jenderal Pendidikan Vokasi", "Ditjen Diksi", UnitKind.DITJEN)
    mitras = unit(
        "Direktorat Kemitraan dan Penyelarasan Dunia Usaha dan Dunia Industri",
        "Dit. Mitras DUDI",
        parent=ditjen,
    )
    bkhm = unit("Biro Kerja Sama dan Hubungan Masyarakat", "BKHM", UnitKind.BIRO)
    cnbc = Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia")
    novan = speaker("Novan Putranto", position="News Coverage and Social Lead")
    ellen = speaker("Ellen Gracia", position="Pemandu acara CNBC Indonesia")
    online_class = event(
        title="Kelas Daring Pengelolaan Media Sosial",
        slug="kelas-daring-media-sosial",
        kind="kelas_daring",
        mode="online",
        platform="Zoom",
        join_url="https://zoom.example.test/j/1",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        participant_count=43,
        owner=mitras,
        publish_at=start - timedelta(days=2),
    )
    online_class.organisers.set([mitras])
    online_class.partners.set([cnbc])
    online_class.participating_units.set([bkhm, ditjen])
    EventSpeaker.objects.create(event=online_class, speaker=novan, role="narasumber", order=1)
    EventSpeaker.objects.create(event=online_class, speaker=ellen, role="moderator", order=2)
    writer, editor, approver = (user(initials=code) for code in ("RA", "AP", "DE"))
    story = article(
        title="Dit. Mitras DUDI Selenggarakan Kelas Daring Media Sosial",
        slug="mitras-dudi-kelas-daring",
        section="siaran-pers",
        lead="Kelas daring tentang media sosial diikuti 43 peserta dari berbagai unit.",
        body="<p>Narasumber membahas strategi SMART untuk media sosial instansi.</p>",
        owner=mitras,
        event=online_class,
        writer=writer,
        editor=editor,
        photographer=approver,
        featured_image=image(
            "Peserta kelas daring di layar Zoom", caption="Suasana kelas", credit="Humas Diksi"
        ),
        publish_at=start,
    )
    story.tags.add("media sosial", "SMART")
    story.speakers.add(novan)
    Correction.objects.create(article=story, text="Jumlah peserta diperbaiki menjadi 43.")
    return SimpleNamespace(
        ditjen=ditjen, mitras=mitras, bkhm=bkhm, cnbc=cnbc, novan=novan, ellen=ellen,
        event=online_class, article=story, start=start,
    )  # fmt: skip


def picture_bytes(size=(64, 48), color=(200, 80, 40), fmt="JPEG", mode="RGB", **save_options):
    """Encoded bytes of a plain Pillow picture, for feeding the image pipeline."""
    buffer = io.BytesIO()
    PILImage.new(mode, size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def processed_image(alt_text="Foto kegiatan", size=(2000, 1200), fmt="JPEG", **extra):
    """An Image that went through the pipeline: normalised original plus every rendition."""
    from articles.images.storage import create_image

    upload = SimpleUploadedFile("foto.jpg", picture_bytes(size=size, fmt=fmt))
    return create_image(upload, alt_text=alt_text, **extra)
