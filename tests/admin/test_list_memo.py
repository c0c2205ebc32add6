"""A list nothing narrows keeps its count and date bar until content changes
(`admin/list_memo.py`): the next visit skips those queries, any write shows at once, and
what one person's list kept is never what another person with other rows sees."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.models import Status
from tests import factories as f

# Query counts here depend on what the list kept in the cache: a cache of the test's own,
# which no other xdist worker's flush empties halfway (Redis on PostgreSQL CI is shared).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]

ARTICLES = reverse("admin:articles_article_changelist")
WIB = ZoneInfo("Asia/Jakarta")
KEPT = ("COUNT(*)", 'MIN("articles_article"."publish_at")', "WITH periods")
# Whether any item in reach has an open pending copy (the list's column shows if so).
PENDING = '"articles_article"."copy_of_id" IS NOT NULL'


def visit(client, query=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(ARTICLES, query or {})
    assert response.status_code == 200
    asked = [kept for kept in (*KEPT, PENDING) if any(kept in q["sql"] for q in captured)]
    return response.content.decode(), len(captured), asked


def test_the_next_visit_reuses_the_count_and_date_bar_until_something_is_written(client, team):
    for year in (2021, 2023):
        f.article(owner=team["unit"], publish_at=datetime(year, 5, 1, tzinfo=WIB))
    client.force_login(team["editor"])

    first, first_queries, first_asked = visit(client)
    again, again_queries, again_asked = visit(client)
    assert first_asked == [*KEPT, PENDING] and again_asked == []
    assert again_queries == first_queries - 4
    assert again == first.replace(*_csrf(first, again))

    f.article(owner=team["unit"], publish_at=datetime(2022, 5, 1, tzinfo=WIB))
    after, _queries, asked = visit(client)
    assert asked == [*KEPT, PENDING]
    assert "3 berita" in after and '"?publish_at__year=2022"' in after


def test_nothing_is_kept_where_workers_do_not_share_a_cache(client, team, settings):
    settings.NEWSROOM_SHARED_CACHE = False  # production without Redis: memory per worker
    f.article(owner=team["unit"], publish_at=datetime(2021, 5, 1, tzinfo=WIB))
    client.force_login(team["editor"])

    for _visit in range(2):
        _html, _queries, asked = visit(client)
        assert asked == [*KEPT, PENDING]


def test_the_pending_copy_column_shows_as_soon_as_a_copy_is_opened(client, team):
    """Kept too, per reach: another unit's open copy never shows the column here."""
    live = f.article(owner=team["unit"], title="Sudah tayang")
    elsewhere = f.unit()
    team["editor_elsewhere"].staff_profile.units.set([elsewhere])
    theirs = f.article(owner=elsewhere, title="Di unit lain")
    workflow.start_pending_copy(theirs, team["editor_elsewhere"])
    client.force_login(team["editor_elsewhere"])
    assert "ada salinan tertunda" in visit(client)[0]

    client.force_login(team["editor"])
    visit(client)
    before, _queries, asked = visit(client)
    assert PENDING not in asked and "salinan tertunda" not in before

    workflow.start_pending_copy(live, team["editor"])
    after, _queries, asked = visit(client)
    assert PENDING in asked and "ada salinan tertunda" in after
    assert "ada salinan tertunda" in visit(client)[0]  # kept, still shown


def test_people_who_see_other_rows_never_get_what_another_list_kept(client, team):
    elsewhere = f.unit()
    team["editor_elsewhere"].staff_profile.units.set([elsewhere])
    for unit, years in ((team["unit"], (2021, 2023)), (elsewhere, (2018, 2019))):
        for year in years:
            f.article(owner=unit, publish_at=datetime(year, 5, 1, tzinfo=WIB))
    f.article(owner=elsewhere, status=Status.DRAFT)

    for _visit in range(2):
        for who, count, seen, unseen in (
            ("editor", 2, (2021, 2023), (2018, 2019)),
            ("editor_elsewhere", 3, (2018, 2019), (2021, 2023)),
            ("publisher", 5, (2018, 2019, 2021, 2023), ()),
        ):
            client.force_login(team[who])
            page = visit(client)[0]
            assert f"{count} berita" in page
            assert all(f'"?publish_at__year={year}"' in page for year in seen)
            assert not any(f"publish_at__year={year}" in page for year in unseen)


def test_a_filtered_or_searched_list_is_counted_on_every_visit(client, team):
    f.article(owner=team["unit"], title="Pelatihan guru")
    client.force_login(team["editor"])
    for query in ({"status__exact": "scheduled"}, {"q": "pelatihan"}):
        for _visit in range(2):
            assert "COUNT(*)" in visit(client, query)[2]


def _csrf(first, again):
    """The two pages differ in their CSRF token only."""
    marker = 'name="csrfmiddlewaretoken" value="'
    start = first.index(marker) + len(marker)
    end = first.index('"', start)
    start_again = again.index(marker) + len(marker)
    return first[start:end], again[start_again : again.index('"', start_again)]


def test_the_article_and_event_lists_of_one_person_keep_their_own_answers(client, team):
    """Kept by reach (`list_memo_scope`), and by list: one person's two lists never mix."""
    for year in (2021, 2022, 2023):
        f.article(owner=team["unit"], publish_at=datetime(year, 5, 1, tzinfo=WIB))
    f.event(owner=team["unit"], starts_at=datetime(2019, 5, 1, tzinfo=WIB))
    client.force_login(team["editor"])

    for _visit in range(2):
        articles = client.get(ARTICLES).content.decode()
        events = client.get(reverse("admin:articles_event_changelist")).content.decode()
        assert "3 berita" in articles and '"?publish_at__year=2022"' in articles
        assert "starts_at__year=2019" in events and "publish_at__year" not in events
        assert "starts_at__year" not in articles
