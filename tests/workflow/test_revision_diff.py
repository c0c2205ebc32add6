"""Comparing revisions: readable text, insertions and deletions marked, in bounded work."""

import difflib

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, Status
from articles.workflow import diff, revisions, textdiff
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(monkeypatch):
    """The sizes every SequenceMatcher in the comparison is given, word or paragraph."""
    sizes = []

    class Counting(difflib.SequenceMatcher):
        def __init__(self, *args, a=(), b=(), **kwargs):
            sizes.append(len(a) * len(b))
            super().__init__(*args, a=a, b=b, **kwargs)

    monkeypatch.setattr(textdiff.difflib, "SequenceMatcher", Counting)
    return sizes


def body_row(old, new):
    rows = diff.compare(Article, {"body": old}, {"body": new})
    return {row["name"]: row for row in rows}["body"]


def test_body_is_compared_as_text_not_html_source():
    row = body_row(
        "<p>Rapat <strong>koordinasi</strong> &amp; evaluasi.</p>"
        '<p>Paragraf <a href="/x">dua</a>.</p>',
        "<p>Rapat koordinasi &amp; evaluasi vokasi.</p><p>Paragraf dua.</p>",
    )
    html = str(row["diff"])
    assert "<strong>" not in html and "href" not in html and "&lt;" not in html
    assert "<del>evaluasi.</del> <ins>evaluasi vokasi.</ins>" in html
    assert "Rapat koordinasi &amp;" in html
    assert "<br>Paragraf dua." in html  # paragraphs stay apart
    assert row["old"] == "Rapat koordinasi & evaluasi.\nParagraf dua."


def test_plain_fields_keep_their_word_diff():
    rows = diff.compare(Article, {"lead": "Peserta 34 orang."}, {"lead": "Peserta 43 orang."})
    assert str(rows[0]["diff"]) == "Peserta <del>34</del> <ins>43</ins> orang."


def repetitive(words, n):
    return "".join(f"<p>{' '.join(words)} {i % 3}</p>" for i in range(n))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the 40 KB repetitive draft saved twice that held a worker past 30 s
        ("<p>" + " ".join(["rapat koordinasi vokasi"] * 2000) + "</p>",
         "<p>" + " ".join(["rapat koordinasi vokasi baru"] * 1600) + "</p>"),
        # 500 KB bodies: repetitive paragraphs, one long paragraph, alternating changes
        (repetitive(["a", "b"] * 25, 5000), repetitive(["b", "a", "a"] * 17, 5000)),
        ("<p>" + "a b " * 125_000 + "</p>", "<p>" + "b a a " * 83_000 + "</p>"),
        ("".join(f"<p>sama {i}</p><p>{'a ' * 400}</p>" for i in range(600)),
         "".join(f"<p>sama {i}</p><p>{'a ' * 399}b</p>" for i in range(600))),
    ],
    ids=["40KB repetitive", "500KB paragraphs", "500KB one paragraph", "alternating"],
)  # fmt: skip
def test_comparison_work_is_bounded_whatever_the_content(work, old, new):
    row = body_row(old, new)

    assert sum(work) <= textdiff.WORD_BUDGET + textdiff.PARAGRAPH_BUDGET
    assert max(work, default=0) <= max(textdiff.WORD_BUDGET, textdiff.PARAGRAPH_BUDGET)
    assert row["coarse"]
    assert "<del>" in str(row["diff"]) and "<ins>" in str(row["diff"])


def test_a_small_edit_in_a_long_body_is_still_marked_word_by_word(work):
    paragraphs = [f"<p>Paragraf nomor {i} tentang pendidikan vokasi.</p>" for i in range(8000)]
    edited = list(paragraphs)
    edited[4000] = "<p>Paragraf nomor 4000 tentang pendidikan tinggi vokasi.</p>"
    row = body_row("".join(paragraphs), "".join(edited))

    assert not row["coarse"]
    assert sum(work) <= textdiff.WORD_BUDGET
    assert "pendidikan <ins>tinggi</ins> vokasi." in str(row["diff"])


def test_revision_page_of_a_huge_repetitive_draft_answers_and_explains(client, team, work):
    body = "<p>" + " ".join(["rapat koordinasi vokasi"] * 2000) + "</p>"
    item = f.article(status=Status.DRAFT, owner=team["unit"], body=body)
    revisions.record(item, team["writer"])
    Article.objects.filter(pk=item.pk).update(body=body.replace("vokasi", "vokasi baru"), version=2)
    revisions.record(Article.objects.get(pk=item.pk), team["writer"])
    client.force_login(team["editor"])

    response = client.get(reverse("admin:articles_article_revisions", args=[item.pk]))

    assert response.status_code == 200
    assert sum(work) <= textdiff.WORD_BUDGET + textdiff.PARAGRAPH_BUDGET
    page = response.content.decode()
    assert "&lt;p&gt;" not in page
    assert "Nomor versi naik setiap kali isi disimpan" in page
    assert "dicoret merah" in page


def test_two_words_edited_far_apart_read_as_those_words_not_too_broad(work):
    """Each edit pairs with its own paragraph: no "terlalu luas", however long the text
    between the two edits."""
    words = " ".join(f"kata{n}" for n in range(60))
    paragraphs = [f"<p>Paragraf {i}: {words}.</p>" for i in range(50)]
    edited = list(paragraphs)
    edited[2] = edited[2].replace("kata7 ", "siswa ")
    edited[45] = edited[45].replace("kata30 ", "guru ")
    row = body_row("".join(paragraphs), "".join(edited))

    assert not row["coarse"]
    html = str(row["diff"])
    assert "kata6 <del>kata7</del> <ins>siswa</ins> kata8" in html
    assert "kata29 <del>kata30</del> <ins>guru</ins> kata31" in html
    assert html.count("<del>") == 2 and html.count("<ins>") == 2
    assert sum(work) <= textdiff.WORD_BUDGET + textdiff.PARAGRAPH_BUDGET


def test_the_revision_page_shows_what_changed_since_it_was_sent_back(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], lead="Teras yang dibaca redaktur.")
    revisions.record(item, team["writer"])
    workflow.apply("submit", item, team["writer"])
    workflow.apply("request_changes", item, team["editor"], comment="Perbaiki teras.")
    for n, lead in enumerate(["Teras kedua.", "Teras ketiga yang diperbaiki."], start=2):
        Article.objects.filter(pk=item.pk).update(lead=lead, version=item.version + n)
        revisions.record(Article.objects.get(pk=item.pk), team["writer"])
    client.force_login(team["editor"])

    response = client.get(reverse("admin:articles_article_revisions", args=[item.pk]))

    first, *_middle, last = sorted(revisions.revisions_of(item), key=lambda rev: rev.version)
    assert (response.context["older"], response.context["newer"]) == (first, last)
    page = response.content.decode()
    assert "sejak dikembalikan oleh Agus Prasetyo" in page
    lead = next(row for row in response.context["rows"] if row["name"] == "lead")
    assert (lead["old"], lead["new"]) == (
        "Teras yang dibaca redaktur.",
        "Teras ketiga yang diperbaiki.",
    )
