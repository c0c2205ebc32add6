"""Checks before review: counts, lengths, a dateline or initials typed into the body (with
the body fixed), undescribed pictures, and links readers cannot follow."""

import pytest
from django.urls import reverse

from articles.admin.review_checks import review, without_dateline, without_initials
from articles.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Jakarta, Ditjen Diksi -- Direktorat Mitras DUDI bersama CNBC Indonesia menggelar "
    "kelas daring pengelolaan media sosial, Kamis (25/06).</p>"
    "<p>Kelas diikuti 43 peserta dari berbagai satuan kerja. (Diksi/RA/AP/DE)</p>"
)


def codes(answer):
    return [problem["code"] for problem in answer["problems"]]


def test_the_dateline_and_the_initials_typed_into_the_body_are_found_and_fixed():
    answer = review("Judul", "Teras " * 12, BODY, "Jakarta", "Ditjen Diksi")
    assert codes(answer) == ["dateline", "initials"]
    fixed = answer["problems"][0]["fix"]["body"]
    assert fixed.startswith("<p>Direktorat Mitras DUDI bersama CNBC")
    assert without_initials(fixed).endswith("berbagai satuan kerja.</p>")
    assert (
        codes(review("Judul", "Teras " * 12, without_initials(fixed), "Jakarta", "Ditjen Diksi"))
        == []
    )


def test_variants_of_the_dateline_and_a_code_in_a_paragraph_of_its_own():
    assert without_dateline(
        "<p><strong>JAKARTA, Ditjen Diksi —</strong> Isi.</p>", "Jakarta", "Ditjen Diksi"
    ) == ("<p><strong></strong>Isi.</p>")
    assert without_dateline("<p>Jakarta adalah ibu kota.</p>", "Jakarta", "Ditjen Diksi") is None
    assert without_initials("<p>Isi.</p><p>(Diksi/RA)</p>") == "<p>Isi.</p>"
    assert without_initials("<p>Isi (lihat juga halaman 2).</p>") is None


def test_counts_and_lengths():
    answer = review("J" * 70, "pendek", "<p>" + "kata " * 450 + "</p>", "Jakarta", "Ditjen Diksi")
    assert answer["facts"][0] == "450 kata · 3 menit membaca"
    assert codes(answer) == ["title", "lead"]


def test_links_and_pictures_readers_cannot_use():
    draft = f.article(status=Status.DRAFT, slug="belum-terbit")
    f.article(status=Status.PUBLISHED, slug="sudah-terbit")
    body = (
        '<p><a href="http://example.org/">lama</a> '
        '<a href="/admin/articles/article/1/change/">staf</a> '
        f'<a href="/berita/{draft.slug}/">draf</a> <a href="/berita/sudah-terbit/">terbit</a> '
        '<img src="/media/images/originals/0123.jpg" alt=""></p>'
    )
    answer = review("Judul", "Teras " * 12, body, "Jakarta", "Ditjen Diksi")
    assert codes(answer) == ["alt", "http", "staff", "unpublished"]
    assert "/berita/belum-terbit/" in answer["problems"][3]["message"]
    assert "sudah-terbit" not in answer["problems"][3]["message"]


def test_the_endpoint_answers_staff_only(client, team):
    url = reverse("editorial:checks")
    assert client.post(url, {"body": BODY}).status_code == 403
    client.force_login(team["writer"])
    answer = client.post(url, {"title": "J", "lead": "", "body": BODY, "dateline": "Jakarta",
                               "source": "Ditjen Diksi"}).json()  # fmt: skip
    assert codes(answer) == ["dateline", "initials"]
    assert (
        'data-checks-url="/redaksi/periksa/"'
        in client.get(reverse("admin:articles_article_add")).content.decode()
    )
