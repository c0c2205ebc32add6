"""The measuring archive: realistic rows written in bulk, replaced on a second run."""

import pytest
from django.core.management import call_command
from taggit.models import TaggedItem

from articles.models import Article, Event, Speaker, freshness
from articles.portal.search import search_events, search_speakers

pytestmark = pytest.mark.django_db


def test_the_archive_fills_every_kind_of_row_and_is_public(capsys):
    token, _ = freshness.current()
    call_command("generate_archive", articles=40, events=6, speakers=5, years=2)

    archive = Article.objects.filter(slug__startswith="arsip-")
    assert archive.count() == 40
    assert archive.published().count() == 40
    assert Event.objects.filter(slug__startswith="arsip-").count() == 6
    assert Speaker.objects.filter(slug__startswith="arsip-").count() == 5
    assert TaggedItem.objects.filter(object_id__in=archive.values("pk")).count() >= 40
    assert archive.exclude(writer=None).exists() and archive.exclude(featured_image=None).exists()
    assert len({a.publish_at.year for a in archive}) >= 2  # spread over the years asked for
    assert freshness.current()[0] != token  # cached pages do not outlive it
    assert "articles" in capsys.readouterr().err  # the progress bar


def test_archive_events_and_speakers_are_found_by_inflected_words():
    # Written in bulk, with no signal per row: SQLite's stemmed rows are made at the end.
    call_command("generate_archive", articles=10, events=3, speakers=2, years=1)
    event = Event.objects.filter(slug__startswith="arsip-").order_by("-starts_at").first()
    person = event.speakers.get()

    # "kevokasian" and "pembagian" occur nowhere; their stems are "vokasi" and "bagi"
    # (the generated events name "vokasi"; every generated speaker is a "Kepala Bagian").
    assert event in search_events(f"kevokasian {event.title}")
    assert person in search_speakers(f"pembagian {person.name}")


def test_a_second_run_replaces_the_archive_and_if_missing_keeps_it():
    call_command("generate_archive", articles=20, events=2, speakers=2, years=1)
    first = set(Article.objects.filter(slug__startswith="arsip-").values_list("pk", flat=True))
    call_command("generate_archive", articles=20, events=2, speakers=2, years=1, if_missing=True)
    assert set(Article.objects.filter(slug__startswith="arsip-").values_list("pk", flat=True)) == (
        first
    )
    call_command("generate_archive", articles=25, events=2, speakers=2, years=1)
    assert Article.objects.filter(slug__startswith="arsip-").count() == 25
