"""Feed validators run from a statement compiled once per scope kind.

The statement is the ORM definition (`validator_rows`) compiled with stand-ins for the
request's time and the scope's subject; these tests hold it to that definition for every
kind of scope, at more than one moment, so a poll never sees another feed's items, an
item before it is due, or a stale time.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Correction, Section, Status
from articles.syndication import scopes
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """Published, scheduled and withdrawn news of two of each subject, with names."""
    units = [f.unit(), f.unit()]
    speakers = [f.speaker(), f.speaker()]
    items = {}
    for n, (unit, speaker) in enumerate(zip(units, speakers, strict=True)):
        section = [Section.BERITA, Section.SIARAN_PERS][n]
        live = f.article(
            owner=unit,
            section=section,
            featured_image=f.image(caption=f"Keterangan {n}"),
            writer=f.user(first_name=f"Penulis {n}"),
        )
        live.tags.add(f"topik {n}")
        live.speakers.add(speaker)
        live.related_units.add(units[1 - n])
        Correction.objects.create(article=live, text="Ralat.")
        due = f.article(owner=unit, section=section, publish_at=timezone.now() + timedelta(hours=2))
        due.tags.add(f"topik {n}")
        due.speakers.add(speaker)
        gone = f.article(
            owner=unit,
            section=section,
            status=Status.DRAFT,
            publish_at=None,
            first_published_at=timezone.now() - timedelta(days=1),
        )
        gone.tags.add(f"topik {n}")
        items[n] = (live, due, gone)
    return units, speakers, items


def scopes_of(units, speakers):
    yield scopes.resolve_scope("")
    yield scopes.resolve_scope("section", Section.BERITA.value)
    yield scopes.resolve_scope("section", Section.SIARAN_PERS.value)
    for n in range(2):
        yield scopes.resolve_scope("tag", f"topik-{n}")
        yield scopes.resolve_scope("unit", units[n].slug)
        yield scopes.resolve_scope("speaker", speakers[n].slug)


def statement_rows(scope, at):
    statement = scopes._validator_statement(
        scope.kind, scopes.ContentType.objects.get_for_model(scopes.Article).pk
    )
    return statement.run(at=at, **({"subject": scope.subject} if scope.kind else {}))


@pytest.mark.parametrize("hours", [0, 3])
def test_statement_reads_what_the_orm_definition_reads(site, hours):
    units, speakers, _items = site
    at = timezone.now() + timedelta(hours=hours)

    for scope in scopes_of(units, speakers):
        expected = list(scopes.validator_rows(scope, at))
        assert expected, scope  # every scope lists something, so a mix-up would show
        assert statement_rows(scope, at) == expected, scope


def test_each_subject_gets_its_own_items(site):
    units, speakers, items = site
    now = timezone.now()

    for n in range(2):
        live, _due, _gone = items[n]
        for scope in (
            scopes.resolve_scope("tag", f"topik-{n}"),
            scopes.resolve_scope("speaker", speakers[n].slug),
        ):
            assert [row[0] for row in statement_rows(scope, now)] == [live.pk]
        unit_scope = scopes.resolve_scope("unit", units[n].slug)
        # Its own article, and the other unit's, which names it as a related unit.
        assert {row[0] for row in statement_rows(unit_scope, now)} == {
            items[0][0].pk,
            items[1][0].pk,
        }


def test_scheduled_item_enters_when_due_and_withdrawal_moves_the_time(site):
    units, _speakers, items = site
    live, due, gone = items[0]
    scope = scopes.resolve_scope("unit", units[0].slug)

    before = statement_rows(scope, timezone.now())
    after = statement_rows(scope, due.publish_at + timedelta(seconds=1))

    assert due.pk not in [row[0] for row in before]
    assert due.pk in [row[0] for row in after]
    gone_at = gone.updated_at
    assert all(row[4] == gone_at for row in before)  # the departed column


def test_a_poll_builds_no_queryset(client, site):
    """What a poll costs is the statement's run, not Django building it again."""
    etag = client.get("/feed/rss/")["ETag"]  # the statement is compiled on the first poll

    with mock.patch.object(QuerySet, "annotate", side_effect=AssertionError("rebuilt")):
        assert client.get("/feed/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_each_entry_carries_its_own_tags_in_every_format(client):
    tagged = f.article(title="Bertopik")
    tagged.tags.add("beasiswa", "vokasi")
    other = f.article(title="Lain")
    other.tags.add("songket")
    f.article(title="Tanpa topik")

    document = client.get("/feed.json").json()
    # After the section; taggit creates a call's new tags in no set order.
    by_title = {item["title"]: sorted(item["tags"][1:]) for item in document["items"]}
    rss = client.get("/feed/rss/").content.decode()
    atom = client.get("/feed/atom/").content.decode()

    assert by_title == {"Bertopik": ["beasiswa", "vokasi"], "Lain": ["songket"], "Tanpa topik": []}
    for name in ("beasiswa", "vokasi", "songket"):
        assert rss.count(f"<category>{name}</category>") == 1
        assert atom.count(f'term="{name}"') == 1
