"""Events and speakers on the search page: Indonesian stemming on both databases, public
items only, a fixed number of queries, and a page for any input."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Event, EventSpeaker, Speaker, Status, search_sqlite
from articles.portal.search import _own_words_match, search_events, search_speakers
from tests import factories as f

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")


def event_titles(query):
    return [event.title for event in search_events(query)]


def speaker_names(query):
    return [speaker.name for speaker in search_speakers(query)]


def public_speaker(name, position=""):
    person = f.speaker(name=name, position=position)
    f.article().speakers.add(person)
    return person


def speaks_at(event, person):
    EventSpeaker.objects.create(event=event, speaker=person, role="narasumber")


def test_an_inflected_form_finds_an_event_by_its_description_title_or_venue():
    by_description = f.event(
        title="Kelas daring", description="Pelatihan ini diselenggarakan bersama industri."
    )
    by_title = f.event(title="Penyelenggaraan Lomba Kompetensi Siswa")
    by_venue = f.event(title="Temu mitra", venue="Gedung Pelatihan Vokasi")
    f.event(title="Rapat koordinasi", description="Tanpa kata yang dicari.")

    # Snowball Indonesian (PostgreSQL's `indonesian`, snowballstemmer on SQLite): every form
    # below is "selenggara" or "latih".
    assert sorted(event_titles("menyelenggarakan")) == sorted(
        [by_description.title, by_title.title]
    )
    assert sorted(event_titles("melatih")) == sorted([by_description.title, by_venue.title])
    assert event_titles("menyelenggarakan industri") == [by_description.title]


def test_an_inflected_form_finds_a_public_speaker_by_name_or_position():
    weaver = public_speaker("Sari Wulandari", position="Pelatih tenun songket")
    teacher = public_speaker("Budi Pengajar", position="Guru")
    public_speaker("Rina Lestari", position="Kepala Bagian")

    assert speaker_names("melatih") == [weaver.name]
    assert speaker_names("mengajar") == [teacher.name]
    assert speaker_names("pelatihan songket") == [weaver.name]


def test_events_are_listed_newest_first_and_speakers_by_name():
    for days in (3, 30, 9, 1, 60, 2):
        f.event(title=f"Webinar vokasi {days}", starts_in=timedelta(days=-days))
    for name in ("Gita Vokasi", "Ahmad Vokasi", "Eko Vokasi", "Citra Vokasi", "Budi Vokasi"):
        public_speaker(name)
    public_speaker("Fitri Vokasi")

    events = search_events("vokasi")
    assert [event.title for event in events] == [f"Webinar vokasi {d}" for d in (1, 2, 3, 9, 30)]
    assert speaker_names("vokasi") == [
        "Ahmad Vokasi", "Budi Vokasi", "Citra Vokasi", "Eko Vokasi", "Fitri Vokasi",
    ]  # fmt: skip


def test_unpublished_events_are_never_found():
    public = f.event(title="Lokakarya songket terbit")
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN):
        f.event(title=f"Lokakarya songket {status}", status=status, publish_at=None)
    f.event(title="Lokakarya songket terjadwal", publish_at=timezone.now() + timedelta(days=1))
    f.event(
        title="Lokakarya songket salinan",
        status=Status.DRAFT,
        publish_at=None,
        copy_of=public,
        slug=public.slug,
    )

    assert event_titles("songket") == [public.title]


def test_speakers_known_only_from_unpublished_items_are_never_found():
    quoted = public_speaker("Sari Songket")
    speaking = f.speaker(name="Dewi Songket")
    speaks_at(f.event(title="Temu perajin"), speaking)

    nowhere = f.speaker(name="Rina Songket")
    in_draft = f.speaker(name="Tari Songket")
    f.article(status=Status.DRAFT, publish_at=None).speakers.add(in_draft)
    in_scheduled = f.speaker(name="Umi Songket")
    f.article(publish_at=timezone.now() + timedelta(days=1)).speakers.add(in_scheduled)
    in_withdrawn_event = f.speaker(name="Wati Songket")
    speaks_at(f.event(status=Status.WITHDRAWN, publish_at=None), in_withdrawn_event)
    in_copy = f.speaker(name="Yani Songket")
    live = f.event(title="Pameran")
    copy = f.event(status=Status.DRAFT, publish_at=None, copy_of=live, slug=live.slug)
    speaks_at(copy, in_copy)

    found = speaker_names("songket")
    assert found == [speaking.name, quoted.name]
    hidden = (nowhere, in_draft, in_scheduled, in_withdrawn_event, in_copy)
    assert not {person.name for person in hidden} & set(found)


def test_what_finds_an_event_or_speaker_follows_its_edits_and_deletion():
    event = f.event(title="Pelatihan batik")
    person = public_speaker("Nur Batik")
    assert event_titles("batik") == [event.title] and speaker_names("batik") == [person.name]

    event.title = "Pelatihan tenun"
    event.save()
    person.name = "Nur Tenun"
    person.save()

    assert event_titles("batik") == [] and speaker_names("batik") == []
    assert event_titles("tenun") == [event.title] and speaker_names("tenun") == [person.name]

    event.delete()
    assert event_titles("tenun") == []


def test_a_query_of_only_excluded_words_lists_no_events_or_speakers():
    # "Everything without this word" would be every row read, not the index.
    f.event(title="Pelatihan vokasi")
    public_speaker("Guru Vokasi")

    for query in ("-songket", "-songket OR -batik", "or"):
        assert search_events(query) == [] and search_speakers(query) == []


@sqlite_only
def test_sqlite_search_rows_leave_with_their_event_or_speaker():
    def rows(model):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {search_sqlite.table(model)}")
            return cursor.fetchone()[0]

    event, person = f.event(title="Kegiatan sementara"), f.speaker(name="Tamu sementara")
    assert (rows(Event), rows(Speaker)) == (1, 1)

    event.delete()
    person.delete()

    assert (rows(Event), rows(Speaker)) == (0, 0)


@sqlite_only
def test_sqlite_still_finds_part_of_a_word():
    # As articles do: an abbreviation inside a longer one, which no stemmer joins.
    event = f.event(title="Rapat Puspresnas")
    person = public_speaker("Ketua Puspresnas")

    assert event_titles("presnas") == [event.title]
    assert speaker_names("presnas") == [person.name]


@postgres_only
@pytest.mark.parametrize("model", [Event, Speaker])
def test_postgres_answers_from_the_gin_index(model):
    # The search must use the very expression the migration indexed, or PostgreSQL reads
    # every row. With the other ways of reading priced out, only a matching index serves.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = _own_words_match(model.objects.all(), "pelatihan").explain()

    assert f"Bitmap Index Scan on {model._meta.model_name}_search_gin" in plan


def page_queries(client, query):
    client.get(reverse("articles:search"), {"q": query})  # warm: sessions, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.usefixtures("local_cache")  # list counts are cached; no other test may clear them
def test_the_search_page_costs_the_same_queries_for_one_match_or_many(client):
    lone = f.event(title="Pelatihan vokasi")
    speaks_at(lone, f.speaker(name="Guru Vokasi"))
    f.article(title="Vokasi")
    few, response = page_queries(client, "vokasi")
    assert len(response.context["events"]) == 1 and len(response.context["speakers"]) == 1

    for n in range(12):
        event = f.event(title=f"Pelatihan vokasi {n}")
        speaks_at(event, f.speaker(name=f"Guru Vokasi {n}"))
        f.article(title=f"Vokasi {n}").speakers.add(f.speaker(name=f"Penulis Vokasi {n}"))
    many, response = page_queries(client, "vokasi")

    assert len(response.context["events"]) == 5 and len(response.context["speakers"]) == 5
    assert many == few


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "vokasi\x00songket",
        "vokasi\x00" * 1500,  # 10 KB with NUL bytes
        "a" * 10240,
        "!!! ??? ... ,,, ;;; ---",
        "&|!:*()<>",
        "-vokasi",
        "vokasi -songket",
        "vokasi OR songket",
        "OR OR or",
        '"vokasi songket',
        '""',
        "vokasi:* & !songket <-> (a|b)",
        "'\\'",
        "\ue000\ue001",
    ],
    ids=lambda query: repr(query[:24]),
)
def test_odd_input_gives_a_page(client, query):
    event = f.event(title="Pelatihan vokasi songket")
    speaks_at(event, f.speaker(name="Guru Vokasi Songket"))
    response = client.get(reverse("articles:search"), {"q": query})

    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()
