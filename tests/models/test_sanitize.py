"""Article bodies keep ordinary formatting and lose anything that could run code."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article, Status
from articles.models.sanitize import sanitize_html
from tests import factories as f


@pytest.mark.parametrize(
    "dirty, forbidden",
    [
        ("<p>Halo</p><script>alert('x')</script>", "<script"),
        ("<p>Halo<script src='https://evil.test/x.js'></script></p>", "evil.test"),
        ('<img src="x.jpg" onerror="alert(1)">', "onerror"),
        ('<p onclick="steal()">Klik</p>', "onclick"),
        ('<a href="https://vokasi.test" onmouseover="x()">tautan</a>', "onmouseover"),
        ('<a href="javascript:alert(1)">tautan</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">tautan</a>', "alert"),
        ('<a href="&#106;avascript:alert(1)">tautan</a>', "alert"),
        ('<img src="javascript:alert(1)">', "javascript:"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">tautan</a>', "data:"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ('<p style="position:fixed;top:0">penipuan</p>', "position"),
        ("<style>body{display:none}</style><p>x</p>", "display:none"),
        ('<iframe src="https://evil.test"></iframe>', "iframe"),
        ('<object data="x.swf"></object><embed src="x.swf">', "swf"),
        ('<form action="https://evil.test"><input name="sandi"></form>', "<form"),
        ('<svg onload="alert(1)"><circle r="1"/></svg>', "onload"),
        ("<!-- <script>alert(1)</script> -->", "script"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.test">', "refresh"),
    ],
)
def test_dangerous_markup_is_removed(dirty, forbidden):
    assert forbidden.lower() not in sanitize_html(dirty).lower()


@pytest.mark.parametrize(
    "html",
    [
        "<p>Paragraf dengan <strong>tebal</strong>, <em>miring</em>, dan <u>garis</u>.</p>",
        "<h2>Subjudul</h2>",
        "<h3>Subjudul kecil</h3>",
        "<ul><li>satu</li><li>dua</li></ul>",
        '<ol start="3"><li>tiga</li></ol>',
        "<blockquote><p>Kutipan</p></blockquote>",
        "<p>baris<br>baru</p>",
        '<img src="https://vokasi.test/foto.jpg" alt="Peserta kelas daring" width="640">',
        '<figure><img src="/media/a.jpg" alt="a"><figcaption>Keterangan</figcaption></figure>',
        '<table><caption>Jadwal</caption><thead><tr><th scope="col">Waktu</th></tr></thead>'
        '<tbody><tr><td colspan="2">10.00 WIB</td></tr></tbody></table>',
    ],
)
def test_ordinary_formatting_images_and_tables_are_kept(html):
    assert sanitize_html(html) == html


def test_links_are_kept_and_made_safe_to_open():
    clean = sanitize_html('<a href="https://vokasi.kemdikbud.go.id" title="Vokasi">Vokasi</a>')
    assert 'href="https://vokasi.kemdikbud.go.id"' in clean
    assert 'title="Vokasi"' in clean
    assert 'rel="noopener noreferrer"' in clean
    assert ">Vokasi</a>" in clean


def test_mail_and_phone_links_are_kept():
    assert 'href="mailto:humas@vokasi.test"' in sanitize_html(
        '<a href="mailto:humas@vokasi.test">x</a>'
    )
    assert 'href="tel:+62215725477"' in sanitize_html('<a href="tel:+62215725477">x</a>')


def test_relative_links_inside_the_site_are_kept():
    assert 'href="/berita/kelas-daring/"' in sanitize_html('<a href="/berita/kelas-daring/">x</a>')


def test_text_of_removed_tags_survives_but_script_content_does_not():
    clean = sanitize_html("<div><span>Isi</span></div><script>var rahasia=1</script>")
    assert "Isi" in clean
    assert "rahasia" not in clean


def test_empty_body_stays_empty():
    assert sanitize_html("") == ""
    assert sanitize_html(None) == ""


@pytest.mark.django_db
def test_body_is_sanitised_on_every_save_from_code():
    article = f.article(body='<p onclick="x()">Isi</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Isi</p>"

    article.body = '<p>Isi</p><img src="a.jpg" onerror="alert(1)">'
    article.save()
    article.refresh_from_db()
    assert article.body == '<p>Isi</p><img src="a.jpg">'


@pytest.mark.django_db
def test_body_is_sanitised_when_created_through_the_manager():
    article = Article.objects.create(
        title="Uji", slug="uji", lead="Teras.", unit=f.unit(),
        body='<a href="javascript:alert(1)">tautan</a>',
    )  # fmt: skip
    article.refresh_from_db()
    assert "javascript" not in article.body
    assert "tautan" in article.body


@pytest.mark.django_db
def test_body_is_sanitised_when_saved_in_the_admin(client):
    client.force_login(
        get_user_model().objects.create_superuser("kepala", "k@example.test", "rahasia-uji-123")
    )
    article = f.article(status=Status.DRAFT)
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = f.admin_form_data(client.get(change))
    data["body"] = ['<p style="color:red" onclick="x()">Aman</p><script>alert(1)</script>']

    assert client.post(change, data).status_code == 302

    article.refresh_from_db()
    assert article.body == "<p>Aman</p>"


@pytest.mark.django_db
def test_public_page_never_shows_the_removed_markup(client):
    article = f.article(body='<p>Isi</p><script>alert("x")</script>')
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Isi" in page
    assert 'alert("x")' not in page
