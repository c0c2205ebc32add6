"""A ten-year archive for measuring: 100,000 articles, 10,000 events, 2,000 speakers.

Built on top of the demo (its units, staff, pictures and speakers), with set-based writes
only: rows go in with `bulk_create` in batches, and the search document of every article
is computed by the database in one UPDATE at the end (events and speakers need none on
PostgreSQL, whose index follows their columns). No signal fires per row, so the
content generation moves once, when the archive is complete.

Generated rows carry the slug prefix `arsip-`; running the generator again replaces them.
The words are seeded, so two runs with the same numbers give the same archive.
"""

import random
import sys
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from units.models import WorkUnit

from ..models import Article, Correction, Event, EventSpeaker, Image, Section, Speaker, freshness
from ..models.search_index import refresh_search_vectors
from . import loader

PREFIX = "arsip-"
BATCH = 2000
# "vokasi" is in nearly every article (the bench's common word); "songket" in about one in
# five thousand (its rare word). Derived forms exercise the stemmer: menyelenggarakan,
# diselenggarakan, penyelenggaraan.
SENTENCES = [
    "Direktorat Jenderal Pendidikan Vokasi menyelenggarakan pelatihan bagi guru SMK.",
    "Kegiatan ini diselenggarakan secara daring dan diikuti ratusan peserta vokasi.",
    "Penyelenggaraan program magang melibatkan dunia usaha dan dunia industri.",
    "Para peserta mempelajari keterampilan digital yang dibutuhkan pasar kerja.",
    "Kerja sama dengan mitra industri memperkuat kurikulum pendidikan vokasi.",
    "Lulusan politeknik diharapkan siap bekerja dan berwirausaha.",
    "Program ini menjadi bagian dari revitalisasi pendidikan vokasi nasional.",
    "Sertifikasi kompetensi diberikan kepada peserta yang lulus uji keahlian.",
    "Pemerintah daerah mendukung penyiapan sarana praktik di sekolah.",
    "Kelas industri dibuka untuk jurusan teknik, pariwisata, dan kesehatan.",
]
TITLE_WORDS = [
    "Pelatihan", "Kemitraan", "Magang", "Sertifikasi", "Kurikulum", "Teaching Factory",
    "Politeknik", "SMK", "Kursus", "Digitalisasi", "Wirausaha", "Beasiswa", "Lomba",
]  # fmt: skip
PLACES = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Denpasar", "Yogyakarta"]
TAGS = 600
SECTIONS = [Section.BERITA] * 6 + [Section.SIARAN_PERS] * 2 + [Section.ARTIKEL, Section.PENGUMUMAN]


class Progress:
    """A one-line progress bar on stderr (a terminal) or a line per step (a log file)."""

    def __init__(self, label, total, stream=None):
        self.label, self.total, self.stream = label, max(total, 1), stream or sys.stderr
        self.done, self.started = 0, time.perf_counter()

    def advance(self, count):
        self.done += count
        share = self.done / self.total
        bar = "#" * int(share * 30)
        seconds = time.perf_counter() - self.started
        line = f"{self.label:<12} [{bar:<30}] {self.done:>7}/{self.total} {seconds:6.1f} s"
        if self.stream.isatty():
            self.stream.write("\r" + line + ("\n" if self.done >= self.total else ""))
        elif self.done >= self.total or self.done % (BATCH * 10) < count:
            self.stream.write(line + "\n")
        self.stream.flush()


def generate(articles=100_000, events=10_000, speakers=2_000, years=10, report=print, seed=13):
    started = time.perf_counter()
    rng = random.Random(seed)
    loader.load(report=lambda *_: None)  # the demo's units, staff, pictures, partners
    with transaction.atomic():
        remove_previous()
        units = list(WorkUnit.objects.order_by("pk"))
        staff = list(Article.writer.field.related_model.objects.filter(staff_profile__isnull=False))
        pictures = list(Image.objects.exclude(alt_text="").order_by("pk"))
        people = make_speakers(rng, speakers, units)
        tags = make_tags()
        now = timezone.now()
        activities = make_events(rng, events, years, now, units, people)
        made = make_articles(rng, articles, years, now, units, staff, pictures, activities)
        link_articles(rng, made, tags, people, units)
        Correction.objects.bulk_create(
            Correction(article_id=pk, text="Nama narasumber diperbaiki.", noted_at=now)
            for pk in made[:: max(len(made) // 200, 1)]
        )
        report(f"search vectors: {refresh_search_vectors(Article.objects.all())} rows")
        # SQLite's FTS5 rows of the bulk-made events and speakers; PostgreSQL indexes their
        # columns as they are written, so nothing runs there.
        refresh_search_vectors(Event.objects.all())
        refresh_search_vectors(Speaker.objects.all())
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility map, or the planner guesses at tables it has never
        # looked at, and index-only scans read the heap anyway (autovacuum comes later).
        # VACUUM cannot run inside a transaction (a caller's, or a test's): ANALYZE can.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    freshness.bump()
    report(
        f"archive: {len(made)} articles, {len(activities)} events, {len(people)} speakers, "
        f"{len(tags)} tags in {time.perf_counter() - started:.0f} s"
    )


def generated_articles():
    return Article.objects.filter(slug__startswith=PREFIX).count()


def remove_previous():
    Article.objects.filter(slug__startswith=PREFIX).delete()
    Event.objects.filter(slug__startswith=PREFIX).delete()
    Speaker.objects.filter(slug__startswith=PREFIX).delete()
    Tag.objects.filter(slug__startswith=PREFIX).delete()


def make_speakers(rng, count, units):
    names = ["Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indah", "Joko"]
    family = ["Santoso", "Wijaya", "Lestari", "Pratama", "Hidayat", "Saputra", "Kusuma"]
    rows = [
        Speaker(
            name=f"{rng.choice(names)} {rng.choice(family)} {n}",
            slug=f"{PREFIX}narasumber-{n}",
            position="Kepala Bagian",
            affiliation_unit=rng.choice(units),
        )
        for n in range(count)
    ]
    progress = Progress("speakers", count)
    for start in range(0, count, BATCH):
        Speaker.objects.bulk_create(rows[start : start + BATCH])
        progress.advance(len(rows[start : start + BATCH]))
    return list(Speaker.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True))


def make_tags():
    Tag.objects.bulk_create(
        Tag(name=f"{word} {n}", slug=f"{PREFIX}{word.lower().replace(' ', '-')}-{n}")
        for n in range(TAGS)
        for word in [TITLE_WORDS[n % len(TITLE_WORDS)]]
    )
    return list(Tag.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True))


def _moment(rng, years, now):
    return now - timedelta(seconds=rng.randrange(int(years * 365.25 * 86400)))


def make_events(rng, count, years, now, units, people):
    progress = Progress("events", count)
    made = []
    for start in range(0, count, BATCH):
        rows = []
        for n in range(start, min(start + BATCH, count)):
            # Most lie in the past; about one in fifty is still to come.
            begins = now + timedelta(days=rng.randrange(1, 60)) if n % 50 == 0 else None
            begins = begins or _moment(rng, years, now)
            rows.append(
                Event(
                    title=f"{rng.choice(TITLE_WORDS)} vokasi {rng.choice(PLACES)} {n}",
                    slug=f"{PREFIX}kegiatan-{n}",
                    kind="webinar",
                    mode="online",
                    platform="Zoom",
                    starts_at=begins,
                    ends_at=begins + timedelta(hours=rng.choice((2, 3, 8))),
                    description=rng.choice(SENTENCES),
                    unit=rng.choice(units),
                    status="published",
                    publish_at=min(begins - timedelta(days=7), now),
                    first_published_at=min(begins - timedelta(days=7), now),
                )
            )
        made += Event.objects.bulk_create(rows)
        progress.advance(len(rows))
    EventSpeaker.objects.bulk_create(
        EventSpeaker(event_id=event.pk, speaker_id=rng.choice(people), role="narasumber")
        for event in made
    )
    Event.organisers.through.objects.bulk_create(
        Event.organisers.through(event_id=event.pk, workunit_id=event.unit_id) for event in made
    )
    Event.objects.filter(slug__startswith=PREFIX).update(
        created_at=F("publish_at"), updated_at=F("publish_at")
    )
    return [event.pk for event in made]


def _body(rng, n):
    sentences = rng.sample(SENTENCES, 6)
    if n % 5000 == 0:
        sentences.append("Peserta juga mengenal kain songket dari perajin setempat.")
    return "".join(f"<p>{' '.join(sentences[i : i + 2])}</p>" for i in range(0, len(sentences), 2))


def make_articles(rng, count, years, now, units, staff, pictures, events):
    progress = Progress("articles", count)
    made = []
    for start in range(0, count, BATCH):
        rows = []
        for n in range(start, min(start + BATCH, count)):
            moment = _moment(rng, years, now)
            rows.append(
                Article(
                    title=f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)} "
                    f"di {rng.choice(PLACES)} ({n})",
                    slug=f"{PREFIX}berita-{n}",
                    section=rng.choice(SECTIONS),
                    dateline=rng.choice(PLACES),
                    lead=rng.choice(SENTENCES),
                    body=_body(rng, n),
                    unit=rng.choice(units),
                    writer=rng.choice(staff) if staff else None,
                    editor=rng.choice(staff) if staff else None,
                    photographer=rng.choice(staff) if staff and n % 3 == 0 else None,
                    featured_image=rng.choice(pictures) if pictures and n % 2 == 0 else None,
                    event_id=rng.choice(events) if events and n % 10 == 0 else None,
                    status="published",
                    publish_at=moment,
                    first_published_at=moment,
                )
            )
        made += [row.pk for row in Article.objects.bulk_create(rows)]
        progress.advance(len(rows))
    # auto_now stamped "now" on every row; an archive's rows were last changed when published.
    Article.objects.filter(slug__startswith=PREFIX).update(
        created_at=F("publish_at"), updated_at=F("publish_at")
    )
    return made


def link_articles(rng, made, tags, people, units):
    content_type = ContentType.objects.get_for_model(Article)
    progress = Progress("links", len(made))
    for start in range(0, len(made), BATCH):
        chunk = made[start : start + BATCH]
        tagged, quoted, related = [], [], []
        for pk in chunk:
            # A few popular tags and a long tail, as a real archive has.
            for tag in {rng.choice(tags[:20]), rng.choice(tags), rng.choice(tags)}:
                tagged.append(TaggedItem(content_type=content_type, object_id=pk, tag_id=tag))
            if pk % 4 == 0:
                quoted.append(
                    Article.speakers.through(article_id=pk, speaker_id=rng.choice(people))
                )
            if pk % 6 == 0:
                related.append(
                    Article.related_units.through(article_id=pk, workunit_id=rng.choice(units).pk)
                )
        TaggedItem.objects.bulk_create(tagged)
        Article.speakers.through.objects.bulk_create(quoted)
        Article.related_units.through.objects.bulk_create(related)
        progress.advance(len(chunk))
