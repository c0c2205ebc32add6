"""What screen readers announce on every admin page is Indonesian: Django's catalogue
leaves "Breadcrumbs", "Sidebar" and the search box's "Search" in English and misspells
"Rubah" and "dibawah" (locale/id overrides those; templates/admin/search_form.html)."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.admin.forms import article_data

pytestmark = pytest.mark.django_db

ENGLISH_OR_MISSPELT = ['"Breadcrumbs"', '"Sidebar"', 'alt="Search"', "Rubah", "dibawah"]


def test_admin_pages_say_it_in_indonesian(client, team):
    client.force_login(team["writer"])
    pages = [
        client.get(reverse("admin:index")),
        client.get(reverse("admin:articles_article_changelist")),
        client.post(
            reverse("admin:articles_article_add"),
            {
                **article_data(Article(unit=team["unit"], lead="Teras.", body="<p>Isi.</p>")),
                "title": "",
            },
        ),  # fmt: skip
    ]
    for page in pages:
        html = page.content.decode()
        assert [word for word in ENGLISH_OR_MISSPELT if word in html] == [], page.request
    html = pages[1].content.decode()
    assert 'aria-label="Jejak navigasi"' in html and 'aria-label="Menu samping"' in html
    assert 'alt="Cari"' in html
    assert "Harap perbaiki kesalahan di bawah ini." in pages[2].content.decode()


def test_every_desk_starts_with_writing_buttons(client, team):
    client.force_login(team["writer"])
    html = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("admin:articles_article_add")}">Tulis berita</a>' in html
    assert f'href="{reverse("admin:articles_event_add")}">Buat agenda</a>' in html


def test_the_account_security_apps_have_indonesian_names_in_the_menu(admin_client):
    pages = [admin_client.get(reverse("admin:index")), admin_client.get("/admin/otp_totp/")]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "Otp_Totp" not in html and "TOTP devices" not in html
        assert "Otp_Static" not in html and "static devices" not in html
        assert "Verifikasi dua langkah" in html and "Aplikasi autentikator" in html
    assert "Kode pemulihan" in pages[0].content.decode()
