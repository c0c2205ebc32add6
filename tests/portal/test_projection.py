"""The stored article page (articles/models/projections.py, articles/portal/projected.py):
the same page as the live one, read in one query with the article, and never showing
what a change took away, in the moment after the change as after its rewrite."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles import workflow
from articles.models import Article, Correction, Event, Projection, Status
from articles.portal import projected, stored
from tests import factories as f

pytestmark = pytest.mark.django_db
# Forgetting and writing happen when a change commits: these run in real transactions.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    story = f.press_release_story()
    f.article(title="Berita lain bertopik SMART", owner=story.mitras).tags.add("SMART")
    return story


def _live(client, url):
    """The page rendered live: the stored rows are there but written by other templates."""
    Projection.objects.update(format="older")
    try:
        return client.get(url).content.decode()
    finally:
        Projection.objects.update(format=stored.current_format())


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_stored_page_is_the_live_page_byte_for_byte(client, story, prefix, settings):
    settings.ALLOWED_HOSTS = ["berita.example.test"]
    projected.write(list(Article.objects.values_list("pk", flat=True)))
    url = prefix + story.article.get_absolute_url()

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url, HTTP_HOST="berita.example.test").content.decode()

    # The article with its stored page, its related news, its press kit: nothing else.
    assert len(captured) == 3, "\n".join(q["sql"][:150] for q in captured)
    assert "Jumlah peserta diperbaiki menjadi 43." in page and "Novan Putranto" in page
    assert "Berita lain bertopik SMART" in page  # related news, live
    assert "http://berita.example.test/" in page and projected.ORIGIN_HOST not in page
    assert "<!--" not in page.replace("<!--[", "")  # every mark filled
    Projection.objects.update(format="older")
    assert client.get(url, HTTP_HOST="berita.example.test").content.decode() == page


def test_pages_are_stored_for_every_language_and_read_in_the_readers(client, story):
    assert projected.write([story.article.pk]) == 1
    rows = Projection.objects.filter(article=story.article)
    assert sorted(rows.values_list("language", flat=True)) == ["en", "id"]
    Projection.objects.filter(language="en").update(story="<p>stored English page</p>")

    assert client.get("/en" + story.article.get_absolute_url()).content == (
        b"<p>stored English page</p>"
    )
    assert b"stored English page" not in client.get(story.article.get_absolute_url()).content


def test_a_withdrawn_article_is_gone_though_its_page_is_stored(client, story):
    projected.write([story.article.pk])
    Article.objects.filter(pk=story.article.pk).update(status=Status.WITHDRAWN)

    response = client.get(story.article.get_absolute_url())
    assert response.status_code in (404, 410)
    assert story.article.title not in response.content.decode()


def test_a_stored_page_showing_an_event_no_longer_public_is_rendered_live(client, story):
    projected.write([story.article.pk])
    Event.objects.filter(pk=story.event.pk).update(status=Status.WITHDRAWN)

    page = client.get(story.article.get_absolute_url()).content.decode()

    assert "event-box" not in page and "Kelas Daring Pengelolaan Media Sosial" not in page


@committed
def test_a_change_forgets_the_stored_pages_it_outdated_and_the_task_writes_them_again(
    client, story
):
    other = f.article(title="Kabar lain", owner=f.unit("Unit lain", "UL"))
    projected.write([story.article.pk, other.pk])

    Correction.objects.create(article=story.article, text="Tanggal diperbaiki.")

    page = client.get(story.article.get_absolute_url()).content.decode()
    assert "Tanggal diperbaiki." in page
    # Written again by the task the change enqueued (tests run tasks at once), from the
    # committed rows; the other article's stored page was never touched.
    assert (
        "Tanggal diperbaiki." in Projection.objects.get(article=story.article, language="id").story
    )
    assert Projection.objects.filter(article=other).count() == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda s: _save(Tag, name="SMART", new="Metode SMART"),
        lambda s: _save_unit(s.mitras, "Direktorat Kemitraan (baru)"),
        lambda s: _save_image(s.article.featured_image, "Keterangan baru"),
    ],
    ids=["topic renamed", "unit renamed", "picture captioned"],
)
@committed
def test_a_shared_thing_changed_forgets_only_the_pages_that_show_it(client, story, change):
    elsewhere = f.article(title="Kabar unit lain", owner=f.unit("Unit lain", "UL"))
    projected.write([story.article.pk, elsewhere.pk])
    untouched = Projection.objects.get(article=elsewhere, language="id").written_at

    change(story)

    assert Projection.objects.get(article=elsewhere, language="id").written_at == untouched
    fresh = client.get(story.article.get_absolute_url()).content.decode()
    assert fresh == _live(client, story.article.get_absolute_url())


def _save(model, name, new):
    row = model.objects.get(name=name)
    row.name = new
    row.save()


def _save_unit(unit, name):
    unit.name = name
    unit.save()


def _save_image(image, caption):
    image.caption = caption
    image.save()


@committed
def test_a_draft_saved_forgets_nothing(team):
    live = f.article(owner=team["unit"], title="Kabar terbit")
    projected.write([live.pk])
    written = list(Projection.objects.values_list("pk", "written_at"))

    draft = f.article(status=Status.DRAFT, owner=team["unit"], title="Konsep")
    draft.title = "Konsep kedua"
    draft.save()
    copy = workflow.start_pending_copy(live, team["editor"])
    copy.title = "Kabar terbit, diperbaiki"
    copy.save()

    assert list(Projection.objects.values_list("pk", "written_at")) == written


def test_the_command_stores_the_newest_articles_first(story):
    older = f.article(title="Kabar lama", publish_at=story.start.replace(year=2019))
    Projection.objects.all().delete()

    assert list(projected.missing())[:1] != [older.pk]
    projected.project.call(None)

    assert not projected.missing().exists()


@committed
def test_until_the_task_has_run_a_changed_article_renders_live(client, story, settings):
    """Between the commit and the worker's rewrite, readers get the live page: the change
    forgot the stored one in the commit, before the cached pages were purged."""
    from django_tasks_db.models import DBTaskResult

    projected.write([story.article.pk])
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    Correction.objects.create(article=story.article, text="Tanggal diperbaiki.")

    assert not Projection.objects.filter(article=story.article).exists()
    assert "Tanggal diperbaiki." in client.get(story.article.get_absolute_url()).content.decode()
    queued = DBTaskResult.objects.get(task_path="articles.portal.projected.project")
    assert queued.args_kwargs["args"] == [[story.article.pk]]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/rubrik/berita/",
        "/en/",
        "/topik/smart/",
        "/rubrik/berita/?hal=2",
        "/cari/?q=berita",
        "/agenda/kelas-daring-media-sosial/",
    ],
)
def test_lists_show_stored_cards_exactly_as_live_ones(client, story, path):
    for number in range(14):
        f.article(title=f"Berita ke-{number}", section="berita").tags.add("SMART")
    projected.write(list(Article.objects.values_list("pk", flat=True)))

    with CaptureQueriesContext(connection) as stored_run:
        page = client.get(path).content.decode()

    assert "Berita ke-" in page or story.article.title in page
    live = _live(client, path)
    assert page == live
    # A stored card costs no query of its own; the live page reads the cards' rows.
    Projection.objects.update(format="older")
    with CaptureQueriesContext(connection) as live_run:
        client.get(path)
    assert len(stored_run) <= len(live_run) + 1


def test_a_list_shows_live_cards_for_articles_not_yet_stored(client, story):
    fresh = f.article(title="Baru terbit, belum disimpan", section="berita")
    projected.write([a.pk for a in Article.objects.exclude(pk=fresh.pk)])

    page = client.get("/rubrik/berita/").content.decode()

    assert "Baru terbit, belum disimpan" in page
    assert page == _live(client, "/rubrik/berita/")


def test_home_reads_its_lists_in_four_queries_and_shows_each_events_organisers(client, story):
    """Lead and sections in one statement, the lead's row, the agenda and its organisers;
    the organisers as a prefetch listed them, by name, each event its own."""
    for number in range(6):
        f.article(title=f"Berita ke-{number}", section="berita")
    busy = f.event(title="Rapat Koordinasi Kehumasan", starts_in=timedelta(days=1))
    busy.organisers.set([story.bkhm, story.ditjen])
    projected.write(list(Article.objects.values_list("pk", flat=True)))
    client.get("/")  # sessions, templates and statements made once

    with CaptureQueriesContext(connection) as run:
        page = client.get("/").content.decode()

    reads = [q["sql"] for q in run.captured_queries if "django_session" not in q["sql"]]
    assert len(reads) == 4, reads
    agenda = page.split('class="home-agenda"', 1)[1]
    busy_card = agenda.split("Rapat Koordinasi Kehumasan", 1)[1].split("</article>", 1)[0]
    # Shown by abbreviation, listed by name: Biro Kerja Sama... before Direktorat Jenderal...
    assert busy_card.index(">BKHM<") < busy_card.index(">Ditjen Diksi<")
    assert str(story.mitras) not in busy_card
    assert page == _live(client, "/")
