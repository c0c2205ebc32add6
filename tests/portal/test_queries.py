"""A page costs the same number of SQL queries whether it lists 5 items or 50."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import EventSpeaker, freshness
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]


@pytest.fixture
def scene():
    story = f.press_release_story()
    n = 0

    def grow(count):
        nonlocal n
        for _ in range(count):
            n += 1
            item = f.article(
                title=f"Kelas media {n}",
                section="siaran-pers",
                owner=story.mitras,
                event=story.event,
                featured_image=f.image() if n % 2 else None,
                writer=story.article.writer,
                publish_at=story.start + timedelta(minutes=n),
            )
            item.tags.add("media sosial", f"topik-{n}")
            item.speakers.add(story.novan)
            item.related_units.add(story.bkhm)
            for starts_in in (timedelta(days=n), -timedelta(days=n)):
                activity = f.event(
                    title=f"Kelas lanjutan {n}",
                    owner=story.mitras,
                    kind="kelas_daring",
                    starts_in=starts_in,
                )
                activity.organisers.set([story.mitras, story.ditjen])
                activity.participating_units.set([story.bkhm])
                EventSpeaker.objects.create(event=activity, speaker=story.novan, role="narasumber")

    return story, grow


def pages(story):
    return [
        reverse("articles:home"),
        story.article.get_absolute_url(),
        story.event.get_absolute_url(),
        reverse("articles:section", args=["siaran-pers"]),
        reverse("articles:tag", args=["media-sosial"]),
        story.mitras.get_absolute_url(),
        story.novan.get_absolute_url(),
        reverse("articles:events"),
        reverse("articles:events") + f"?jenis=kelas_daring&unit={story.mitras.slug}",
        reverse("articles:archive_index"),
        reverse("articles:archive", args=[2020]),
        reverse("articles:archive_month", args=[2020, 6]),
        reverse("articles:search") + "?q=media",
    ]


def count_queries(client, url):
    freshness.current()  # a running site has its content generation; a cold cache has not
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_count_per_page_does_not_grow_with_the_items_listed(client, scene):
    story, grow = scene
    grow(4)  # 5 articles with the story itself
    few = {url: count_queries(client, url) for url in pages(story)}
    grow(45)
    many = {url: count_queries(client, url) for url in pages(story)}

    assert many == few


def test_pages_stay_within_a_small_query_budget(client, scene):
    story, grow = scene
    grow(10)
    budget = {url: count_queries(client, url) for url in pages(story)}

    assert max(budget.values()) <= 12, budget


def test_a_deep_page_costs_what_page_one_costs_and_lists_are_counted_once(client):
    for n in range(30):
        f.article(title=f"Kabar {n}", section="berita")
    url = reverse("articles:section", args=["berita"])
    freshness.current()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as last:
        assert client.get(url, {"hal": 3}).context["page"].number == 3
    counts = [q["sql"] for q in first.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1
    assert not [q for q in last.captured_queries if "COUNT(" in q["sql"]]
    assert len(last) == len(first) - 1

    f.article(title="Kabar baru", section="berita")  # the list changed: counted again
    assert client.get(url, {"hal": 3}).context["page"].paginator.count == 31


def test_no_page_runs_the_same_query_twice(client, scene):
    # A list read once by the view and again by the template (or by the page's JSON-LD)
    # costs a query nobody sees; every statement of a page must be needed once.
    story, grow = scene
    grow(3)
    story.article.tags.add("media sosial")
    for url in pages(story):
        freshness.current()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        statements = [query["sql"] for query in queries.captured_queries]
        repeated = {sql for sql in statements if statements.count(sql) > 1}
        assert not repeated, (url, repeated)
