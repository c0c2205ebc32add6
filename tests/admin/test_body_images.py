"""Body images come from the site's own media; anything else is refused on save, by name.
Links typed without a scheme are saved as https:// links."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.admin.forms import article_data

pytestmark = pytest.mark.django_db


def post_body(client, team, body):
    client.force_login(team["writer"])
    data = article_data(
        Article(unit=team["unit"], title="Uji gambar", slug="uji-gambar", lead="Teras.", body=body)
    )
    data.pop("expected_version")
    return client.post(reverse("admin:articles_article_add"), data)


@pytest.mark.parametrize(
    "image",
    [
        '<img src="https://pelacak.example.com/pixel.gif" alt="">',
        '<img src="//pelacak.example.com/pixel.gif" alt="">',
        '<img src="http://127.0.0.1:8000.pelacak.example/x.png" alt="">',
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">',
        '<picture><source srcset="https://pelacak.example.com/a.webp 1x">'
        '<img src="/media/images/originals/a.jpg" alt=""></picture>',
        '<img src="/media/a.jpg" srcset="https://pelacak.example.com/b.jpg 2x" alt="">',
    ],
)
def test_an_external_image_is_refused_with_a_message_on_the_body(client, team, image):
    response = post_body(client, team, f"<p>Isi.</p>{image}")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert "gambar dari situs lain tidak diterima" in errors[0]
    assert not Article.objects.filter(slug="uji-gambar").exists()


def test_own_media_and_listed_hosts_are_accepted(client, team, settings):
    settings.NEWSROOM_IMAGE_HOSTS = ["aset.kemdikbud.go.id"]
    body = (
        '<p><img src="/media/images/originals/0123.jpg" alt="Foto">'
        '<img src="https://aset.kemdikbud.go.id/foto.jpg" alt="Foto"></p>'
    )
    response = post_body(client, team, body)
    assert response.status_code == 302
    assert Article.objects.get(slug="uji-gambar").body.count("<img") == 2


def test_links_to_other_sites_get_noopener(client, team):
    post_body(client, team, '<p><a href="https://example.org/">Mitra</a></p>')
    body = Article.objects.get(slug="uji-gambar").body
    assert 'rel="noopener noreferrer"' in body


def test_links_typed_without_a_scheme_are_saved_as_https(client, team):
    post_body(
        client,
        team,
        '<p><a href="lomba.example.id/daftar" title="">Lomba</a> '
        '<a href="/berita/lain/">Berita lain</a> <a href="mailto:humas@example.id">Surel</a></p>',
    )
    body = Article.objects.get(slug="uji-gambar").body
    assert 'href="https://lomba.example.id/daftar"' in body
    assert 'href="/berita/lain/"' in body and 'href="mailto:humas@example.id"' in body
    assert 'title=""' not in body
