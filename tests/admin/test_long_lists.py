"""The article and event lists stay cheap however long the archive grows: an editor's page
runs the same queries for 3 or 30 items, the date bar still offers exactly the periods
that have items, and the counts beside a search are of the list staff see."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.admin.content import ArticleAdmin
from articles.models import Status
from tests import factories as f

# Query counts here depend on what the list kept in the cache: a cache of the test's own,
# which no other xdist worker's flush empties halfway (Redis on PostgreSQL CI is shared).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]

ARTICLES = reverse("admin:articles_article_changelist")
EVENTS = reverse("admin:articles_event_changelist")
WIB = ZoneInfo("Asia/Jakarta")
STATES = [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN]


def wib(*parts):
    return datetime(*parts, tzinfo=WIB)


def some_articles(unit, count, start):
    """Every state, over two years, one of them with a pending copy of its live text."""
    for n in range(count):
        status = STATES[n % len(STATES)]
        f.article(owner=unit, status=status, publish_at=wib(2023 + n % 2, 1 + n % 12, 5))
    return f.article(owner=unit, publish_at=start, title=f"Tayang {count}")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_editors_article_list_runs_the_same_queries_for_3_or_30_articles(client, team):
    unit, editor = team["unit"], team["editor"]
    live = some_articles(unit, 3, wib(2024, 6, 1))
    workflow.start_pending_copy(live, editor)
    f.article(owner=f.unit(), title="Di luar jangkauan")  # another unit's list
    client.force_login(editor)
    few = queries_for(client, ARTICLES)

    some_articles(unit, 27, wib(2024, 6, 2))
    many = queries_for(client, ARTICLES)

    assert many == few
    page = client.get(ARTICLES).content.decode()
    assert "Tayang 27" in page and "ada salinan tertunda" in page  # the list and its columns, whole


def test_an_editors_event_list_runs_the_same_queries_for_3_or_30_events(client, team):
    unit = team["unit"]
    for n in range(3):
        f.event(owner=unit, status=STATES[n % 4], starts_in=timedelta(days=400 * n))
    client.force_login(team["editor"])
    few = queries_for(client, EVENTS)

    for n in range(27):
        f.event(owner=unit, status=STATES[n % 4], starts_in=timedelta(days=30 * n - 400))
    many = queries_for(client, EVENTS)

    assert many == few


def test_an_editor_scans_fifty_rows_a_page_each_linked_to_its_page(client, team):
    oldest = f.article(owner=team["unit"], publish_at=wib(2020, 1, 1))
    for _n in range(50):
        f.article(owner=team["unit"])
    client.force_login(team["editor"])
    first = client.get(ARTICLES).content.decode()
    second = client.get(ARTICLES, {"p": 2}).content.decode()
    assert first.count('class="action-select"') == 50
    assert second.count('class="action-select"') == 1
    assert "51 berita" in first
    change = reverse("admin:articles_article_change", args=[oldest.pk])
    assert f'<a href="{change}?_changelist_filters=p%3D2">{oldest.title}</a>' in second


def test_the_date_bar_offers_the_years_months_and_days_that_have_articles(client, team):
    unit = team["unit"]
    for at in (wib(2019, 3, 5, 9), wib(2019, 3, 28, 23, 30), wib(2019, 7, 1), wib(2021, 1, 1, 3)):
        f.article(owner=unit, publish_at=at)
    f.article(owner=unit, status=Status.DRAFT)  # no time yet: in no period
    f.article(owner=f.unit(), publish_at=wib(2020, 5, 5))  # another unit's year
    client.force_login(team["editor"])

    years = client.get(ARTICLES).content.decode()
    assert '"?publish_at__year=2019"' in years and '"?publish_at__year=2021"' in years
    assert "publish_at__year=2020" not in years  # 1 Jan 03.00 WIB is 2020 in UTC

    months = client.get(ARTICLES, {"publish_at__year": 2019}).content.decode()
    assert "publish_at__month=3&amp;publish_at__year=2019" in months
    assert "publish_at__month=7&amp;publish_at__year=2019" in months
    assert "publish_at__month=5&amp;" not in months and "publish_at__month=4&amp;" not in months

    days = client.get(ARTICLES, {"publish_at__year": 2019, "publish_at__month": 3}).content
    days = days.decode()
    assert ">5 Maret</a>" in days and ">28 Maret</a>" in days
    assert days.count("publish_at__day=") == 2


def test_the_total_beside_a_search_counts_the_list_not_pending_copies(client, team):
    live = f.article(owner=team["unit"], title="Pelatihan guru vokasi")
    f.article(owner=team["unit"], title="Rapat koordinasi")
    workflow.start_pending_copy(live, team["editor"])
    client.force_login(team["editor"])

    page = client.get(ARTICLES, {"q": "pelatihan"}).content.decode()

    assert "1 buah" in page and "2 total" in page
    assert "Rapat koordinasi" not in page


def test_an_editors_article_page_is_ten_queries_one_of_them_the_date_bounds(client, team):
    for year in (2021, 2023):
        f.article(owner=team["unit"], publish_at=wib(year, 2, 3))
    client.force_login(team["editor"])

    with CaptureQueriesContext(connection) as captured:
        page = client.get(ARTICLES).content.decode()

    bounds = [q["sql"] for q in captured if 'MIN("articles_article"."publish_at")' in q["sql"]]
    assert len(bounds) == 1
    assert '"?publish_at__year=2021"' in page and '"?publish_at__year=2023"' in page
    assert "publish_at__year=2022" not in page
    # Session, user, their permissions (own and groups' in one) and roles (2), whether a
    # revision is pending, the count, the rows, the date bounds and the periods' probe (an
    # editor of one unit gets no units filter to read).
    assert len(captured) == 10


def test_a_deep_page_of_the_list_is_read_keys_first_and_holds_the_same_rows(
    client, team, monkeypatch
):
    """A publisher's page 1,500 of 100,000 articles reads the keys it skips, not the rows;
    here every page past the first is read that way, and must list what Django would."""
    from articles.admin.changelist import ListPaginator

    for n in range(7):
        f.article(owner=team["unit"], title=f"Urut {n}", publish_at=wib(2024, 1, 1 + n))
    client.force_login(team["publisher"])
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 3)

    def titles(page):
        html = client.get(ARTICLES, {"p": page}).content.decode()
        return [line for line in html.split('"') if line.startswith("Pilih")]

    monkeypatch.setattr(ListPaginator, "keys_from", float("inf"))
    whole = [titles(page) for page in (2, 3)]
    monkeypatch.setattr(ListPaginator, "keys_from", 3)
    by_keys = [titles(page) for page in (2, 3)]

    assert by_keys == whole
    assert whole[0] and whole[1] and whole[0] != whole[1]


def test_a_page_of_articles_reads_only_the_columns_it_shows(client, team):
    """Title, state and times, section and unit: not the text, credits or pictures, and
    no row needs a query of its own for a column it shows (the same queries for 2 or 12)."""
    f.article(owner=team["unit"], title="Rapat koordinasi", status=Status.DRAFT)
    f.article(owner=team["unit"], publish_at=wib(2030, 1, 2))  # scheduled
    client.force_login(team["editor"])
    few = queries_for(client, ARTICLES)
    for _n in range(10):
        f.article(owner=team["unit"])

    with CaptureQueriesContext(connection) as captured:
        page = client.get(ARTICLES).content.decode()

    assert len(captured) == few
    rows = next(q["sql"] for q in captured if 'AS "has_pending"' in q["sql"])
    for unread in ("body", "lead", "source", "writer_id", "featured_image_id", "description"):
        assert f'."{unread}"' not in rows
    assert "Rapat koordinasi" in page and "Terjadwal" in page and "Draf" in page
