"""Readers search published articles; odd input never breaks the page."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article, Status
from articles.portal.search import MAX_QUERY_LENGTH, clean_query, search_articles
from tests import factories as f

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)


def titles(query):
    return [article.title for article in search_articles(query)]


def results(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return response


def test_finds_published_articles_by_title_lead_body_tag_speaker_and_unit():
    owner = f.unit("Pusat Prestasi Nasional", "Puspresnas")
    by_title = f.article(title="Kelas daring jurnalistik", owner=owner)
    by_lead = f.article(lead="Peserta belajar fotografi bersama.")
    by_body = f.article(body="<p>Materi tentang videografi untuk humas.</p>")
    by_tag = f.article()
    by_tag.tags.add("keterbukaan informasi")
    by_speaker = f.article()
    by_speaker.speakers.add(f.speaker("Ellen Gracia"))

    assert titles("jurnalistik") == [by_title.title]
    assert titles("fotografi") == [by_lead.title]
    assert titles("videografi") == [by_body.title]
    assert titles("keterbukaan") == [by_tag.title]
    assert titles("Gracia") == [by_speaker.title]
    assert titles("Puspresnas") == [by_title.title]


def test_unpublished_articles_are_never_found():
    f.article(title="Kurikulum vokasi terbit")
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN):
        f.article(title=f"Kurikulum vokasi {status}", status=status, publish_at=None)

    assert titles("kurikulum") == ["Kurikulum vokasi terbit"]


def test_a_tag_added_after_saving_is_searchable_at_once():
    item = f.article(title="Berita tanpa topik")
    assert titles("mangrove") == []

    item.tags.add("mangrove")

    assert titles("mangrove") == [item.title]


def test_renaming_a_speaker_updates_what_finds_the_article():
    person = f.speaker("Novan Putranto")
    item = f.article()
    item.speakers.add(person)
    person.name = "Novanto Wibisono"
    person.save()

    assert titles("Wibisono") == [item.title]


def test_inflected_word_is_found_on_both_databases(client):
    item = f.article(title="Dit. Mitras DUDI Selenggarakan Kelas Daring")
    other = f.article(title="Kabar lain", body="<p>Pelatihan ini diselenggarakan daring.</p>")
    # The Snowball Indonesian stemmer (PostgreSQL's `indonesian`, snowballstemmer on SQLite)
    # reduces every form to "selenggara".
    assert sorted(titles("menyelenggarakan")) == sorted([item.title, other.title])
    assert sorted(titles("penyelenggaraan")) == sorted([item.title, other.title])
    assert titles("selenggarakan kelas") == [item.title]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"kelas daring',
        "kelas & | ! : * daring",
        "&|!:*()<>",
        "'; DROP TABLE articles_article; --",
        "1 OR 1=1",
        "<script>alert(1)</script>",
        "a\x00b",
        "kata " * 500,
        "-",
        'or "',
    ],
)
def test_odd_queries_return_a_normal_page(client, query):
    f.article(title="Kelas daring")
    response = results(client, query)
    html = response.content.decode()

    assert "<script>alert(1)" not in html
    assert 'class="site-header"' in html


def test_long_queries_are_shortened():
    assert len(clean_query("kata " * 500)) <= MAX_QUERY_LENGTH
    assert clean_query("a\x00b\tc") == "a b c"


def test_empty_query_shows_the_form_and_no_results(client):
    f.article()
    response = results(client, "")
    assert response.context["page"] is None
    assert "Tuliskan kata kunci" in response.content.decode()


def test_results_page_counts_highlights_and_escapes(client):
    f.article(title="Lomba <b>inovasi</b> vokasi", lead="Lomba inovasi <i>siswa</i> SMK.")
    html = results(client, "inovasi").content.decode()

    assert "1 berita untuk “inovasi”" in html
    assert "<mark>inovasi</mark>" in html
    snippet = html[html.index('class="snippet"') :].split("</p>")[0]
    assert "siswa" in snippet
    assert "<i>" not in snippet  # text typed into the lead never becomes markup
    assert "<b>inovasi</b>" not in html


def test_search_results_are_paginated(client):
    for n in range(12):
        f.article(title=f"Beasiswa vokasi {n}")
    first = results(client, "beasiswa")
    second = client.get(reverse("articles:search"), {"q": "beasiswa", "hal": 2})

    assert len(first.context["page"]) == 10
    assert len(second.context["page"]) == 2
    assert "q=beasiswa" in first.content.decode().split('rel="next"')[1][:60]


@postgres_only
def test_title_ranks_above_lead_above_body():
    in_body = f.article(title="Satu", lead="Dua.", body="<p>Tentang magang industri.</p>")
    in_lead = f.article(title="Tiga", lead="Program magang bagi siswa.")
    in_title = f.article(title="Magang di industri")

    assert titles("magang") == [in_title.title, in_lead.title, in_body.title]


@postgres_only
def test_snippet_comes_from_the_body_with_highlights_and_no_markup():
    f.article(
        lead="Pembukaan.",
        body="<p>Peserta mempelajari <strong>kewirausahaan</strong> &amp; pemasaran.</p>",
    )
    (article,) = search_articles("kewirausahaan")
    from articles.portal.search import with_snippets

    (article,) = with_snippets([article], "kewirausahaan")

    assert "<mark>kewirausahaan</mark>" in article.snippet_html
    assert "<strong>" not in article.snippet_html
    assert "&amp; pemasaran" in article.snippet_html


@postgres_only
def test_search_vector_is_stored_and_indexed():
    item = f.article(title="Sertifikasi kompetensi")
    stored = Article.objects.filter(pk=item.pk).values_list("search_vector", flat=True).get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_gin'",
        )
        (definition,) = cursor.fetchone()

    assert "sertifikasi" in stored
    assert "USING gin (search_vector)" in definition


@postgres_only
def test_snippet_marks_each_word_found_even_if_another_is_only_in_the_title(client):
    f.article(
        title="Lima langkah menyusun strategi media sosial",
        lead="Akun media sosial instansi yang berhasil jarang lahir dari kebetulan begitu saja.",
        body="<p>Langkah pertama: tentukan tujuan. Langkah kedua: rancang konten harian.</p>",
    )
    html = results(client, "strategi konten").content.decode()
    snippet = html[html.index('class="snippet"') :].split("</p>")[0]

    assert "<mark>konten</mark>" in snippet


@postgres_only
def test_snippet_is_the_whole_lead_when_only_the_title_matches(client):
    lead = (
        "Akun media sosial instansi yang berhasil jarang lahir dari kebetulan; "
        "berikut lima langkah yang bisa dimulai minggu ini."
    )
    f.article(title="Strategi media sosial instansi", lead=lead, body="<p>Isi.</p>")
    html = results(client, "strategi").content.decode()
    snippet = html[html.index('class="snippet"') :].split("</p>")[0]

    assert lead in snippet


def test_search_finds_public_events_and_speakers_too(client):
    unit = f.unit()
    public = f.event(owner=unit, title="Lokakarya Songket Nusantara")
    f.event(owner=unit, title="Lokakarya Songket Rahasia", status="draft")
    weaver = f.speaker(name="Sari Songket", position="Perajin tenun")
    hidden = f.speaker(name="Rina Songket")
    f.article(title="Kabar tenun").speakers.add(weaver)
    f.article(title="Kabar draf", status="draft").speakers.add(hidden)

    html = client.get(reverse("articles:search"), {"q": "songket"}).content.decode()

    assert public.get_absolute_url() in html
    assert "Lokakarya Songket Rahasia" not in html
    assert weaver.get_absolute_url() in html
    assert hidden.get_absolute_url() not in html  # known only from an unpublished item
    # The count is of the news listed below it, not of the event and speaker above.
    assert "1 berita untuk “songket”" in html


def test_search_page_query_count_does_not_grow_with_events_and_speakers(
    client, django_assert_max_num_queries
):
    for n in range(8):
        f.event(title=f"Pelatihan vokasi {n}")
        f.article(title=f"Vokasi {n}").speakers.add(f.speaker(name=f"Guru Vokasi {n}"))
    client.get(reverse("articles:search"), {"q": "vokasi"})
    with django_assert_max_num_queries(6):
        response = client.get(reverse("articles:search"), {"q": "vokasi"})
    assert len(response.context["events"]) == 5 and len(response.context["speakers"]) == 5
