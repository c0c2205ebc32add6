"""The admin's search box over a long archive: answered from an index on PostgreSQL, and a
word found almost everywhere lists the newest matches without counting every one."""

from datetime import timedelta

import pytest
from django.contrib.admin import site
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.admin import search_limits
from articles.models import Article
from tests import factories as f

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigram index")
def test_postgres_finds_a_searched_word_through_the_trigram_indexes(team):
    # The admin's own search must produce the very expressions the migration indexed; with
    # every other way of reading priced out, only matching indexes serve the query.
    request = RequestFactory().get(ARTICLES)
    request.user = team["publisher"]
    admin = site._registry[Article]
    found, _ = admin.get_search_results(request, Article.objects.all(), "songket")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = found.explain()

    for column in ("title", "lead", "body"):
        assert f"Bitmap Index Scan on article_{column}_trgm" in plan


def test_a_word_in_more_articles_than_the_limit_lists_the_newest_and_says_so(
    client, team, monkeypatch
):
    monkeypatch.setattr(search_limits.SearchPaginator, "limit", 3)
    monkeypatch.setattr(type(site._registry[Article]), "list_per_page", 2)
    now = timezone.now()
    for hours in range(5):
        f.article(
            owner=team["unit"],
            title=f"Pelatihan vokasi {hours}",
            publish_at=now - timedelta(hours=hours + 1),
        )
    client.force_login(team["publisher"])

    with CaptureQueriesContext(connection) as queries:
        page = client.get(ARTICLES, {"q": "vokasi"}).content.decode()

    assert "Lebih dari 3 hasil" in page
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert any("LIMIT 4" in sql for sql in counts)  # the matches, counted up to the limit
    assert "Pelatihan vokasi 0" in page  # the newest first


def test_a_search_within_the_limit_is_counted_exactly_and_says_nothing_more(client, team):
    f.article(owner=team["unit"], title="Pelatihan vokasi")
    f.article(owner=team["unit"], title="Rapat koordinasi")
    client.force_login(team["editor"])

    page = client.get(ARTICLES, {"q": "vokasi"}).content.decode()

    assert "1 buah" in page and "Lebih dari" not in page
    assert "Rapat koordinasi" not in page


def test_a_page_past_the_counted_matches_goes_back_to_the_list(client, team, monkeypatch):
    monkeypatch.setattr(search_limits.SearchPaginator, "limit", 2)
    monkeypatch.setattr(type(site._registry[Article]), "list_per_page", 1)
    for n in range(4):
        f.article(owner=team["unit"], title=f"Vokasi {n}")
    client.force_login(team["publisher"])

    response = client.get(ARTICLES, {"q": "vokasi", "p": "5"})

    assert response.status_code == 302 and "e=1" in response["Location"]


def test_words_too_short_for_the_index_are_left_out_and_named(client, team):
    f.article(owner=team["unit"], title="Kelas daring TI vokasi")
    f.article(owner=team["unit"], title="Rapat koordinasi")
    client.force_login(team["editor"])

    page = client.get(ARTICLES, {"q": "vokasi TI"}).content.decode()

    assert "Kelas daring TI vokasi" in page and "Rapat koordinasi" not in page
    assert "tidak dicari: TI" in page


def test_a_search_of_only_short_words_finds_nothing_and_says_why(client, team):
    f.article(owner=team["unit"], title="Kelas daring TI")
    client.force_login(team["editor"])

    page = client.get(ARTICLES, {"q": "TI %%"}).content.decode()

    assert "Kelas daring TI" not in page
    assert "tidak dicari: TI, %%" in page


def test_the_speaker_picker_still_finds_a_name_from_its_first_letters(client, team):
    f.speaker(name="Dr. Ani Susanti")
    client.force_login(team["editor"])
    query = {"app_label": "articles", "model_name": "article", "field_name": "speakers"}

    found = client.get(reverse("admin:autocomplete"), query | {"term": "An"}).json()

    assert [r["text"] for r in found["results"]] == ["Dr. Ani Susanti"]


def test_a_search_of_many_words_searches_the_first_eight_and_says_so(client, team):
    f.article(owner=team["unit"], title="Satu dua tiga empat lima enam tujuh delapan")
    client.force_login(team["editor"])
    words = "satu dua tiga empat lima enam tujuh delapan " + " ".join(["sembilan"] * 500)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(ARTICLES, {"q": words}).content.decode()

    assert "Hanya 8 kata pertama yang dicari." in page
    assert "Satu dua tiga empat lima enam tujuh delapan" in page  # the 9th word is not asked
    assert all(q["sql"].count("LIKE") <= 3 * 8 for q in queries.captured_queries)
