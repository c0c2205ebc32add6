"""On PostgreSQL, search pages, events and speakers are read by statements compiled once
per process (`newsroom.statements`): held here to the querysets they are compiled from, for
each number of words, page and moment, so a reader never sees another query's results,
an item before it is due, or one that left.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from articles.portal import search
from tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full text"),
]

QUERIES = [
    "vokasi",
    "vokasi digital",
    "Vokasi -digital",
    '"kelas vokasi" or digital',
    "-vokasi",
    "vokasi vokasi",
    "satu dua tiga empat lima enam tujuh delapan sembilan vokasi",
]


def described(article):
    return (article.pk, article.title, article.unit.name, article.headline, article.rank)


@pytest.fixture
def archive():
    for n in range(14):
        f.article(
            title=f"Kelas vokasi {n}" if n % 2 else f"Kabar digital {n}",
            lead=f"Pelatihan vokasi dan digital nomor {n}.",
            body=f"<p>Isi {'digital ' * (n % 3)}vokasi {n}.</p>",
            featured_image=f.image() if n % 4 == 0 else None,
        )
    f.article(title="Vokasi draf", status=Status.DRAFT)
    due = f.article(title="Vokasi terjadwal", publish_at=timezone.now() + timedelta(hours=2))
    return due


@pytest.mark.parametrize("query", QUERIES)
def test_a_page_is_what_the_queryset_reads(archive, query):
    query = search.clean_query(query)
    matches = search.Matches(query)

    assert matches.count() == search.search_articles(query).count()
    for rows in (slice(0, 10), slice(10, 20), slice(10, 15), slice(0, 0)):
        expected = [described(a) for a in search.search_articles(query)[rows]]
        assert [described(a) for a in matches[rows]] == expected


def test_a_scheduled_article_is_found_once_due(archive):
    due = archive
    found = [a.pk for a in search.Matches("terjadwal")[0:10]]
    later = timezone.now() + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        found_later = [a.pk for a in search.Matches("terjadwal")[0:10]]

    assert due.pk not in found
    assert found_later == [due.pk]


def test_events_and_speakers_are_what_their_querysets_read():
    for n in range(7):
        event = f.event(title=f"Pelatihan vokasi {n}", description="Kelas digital.")
        event.speakers.add(f.speaker(name=f"Guru Vokasi {n}"), through_defaults={"role": "x"})
    f.event(title="Pelatihan vokasi rahasia", status=Status.DRAFT)
    f.article(title="Kabar").speakers.add(f.speaker(name="Penulis Vokasi"))
    f.article(title="Draf", status=Status.DRAFT).speakers.add(f.speaker(name="Vokasi Draf"))

    for query in ("vokasi", "vokasi digital", "pelatihan -vokasi", "tidakada"):
        events = search.search_events(query)
        speakers = search.search_speakers(query)
        assert events == list(search._events(query))
        assert [e.unit.name for e in events] == [e.unit.name for e in search._events(query)]
        assert speakers == list(search._speakers(query))
    assert len(search.search_events("vokasi")) == 5
    assert "Vokasi Draf" not in [s.name for s in search.search_speakers("vokasi")]


@pytest.mark.usefixtures("local_cache")  # the list's count is kept in the cache
def test_a_search_builds_no_queryset_once_compiled(client, archive):
    """What a search costs is its statements' runs, not Django building them again."""
    client.get(reverse("articles:search"), {"q": "vokasi digital"})  # compiled here

    with mock.patch.object(QuerySet, "filter", side_effect=AssertionError("rebuilt")):
        response = client.get(reverse("articles:search"), {"q": "vokasi digital"})

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 10
