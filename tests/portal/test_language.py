"""The site speaks Indonesian; English lives under /en/. The address alone decides, so a
shared cache may keep every public page: none sets a cookie or varies on one."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_the_indonesian_site(client):
    f.article(title="Berita bahasa")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()


def test_english_is_under_en_and_indonesian_has_no_prefix(client):
    article = f.article()
    url = article.get_absolute_url()
    assert not url.startswith("/id/")
    english = client.get("/en" + url)
    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    assert '<html lang="en"' in english.content.decode()
    assert client.get(url)["Content-Language"] == "id"
    assert client.get("/id" + url).status_code == 404


def test_a_language_cookie_does_not_change_a_public_page(client):
    article = f.article()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(article.get_absolute_url())["Content-Language"] == "id"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert client.get("/en" + article.get_absolute_url())["Content-Language"] == "en"


def test_links_on_an_english_page_stay_english_and_feeds_stay_indonesian(client):
    article = f.article()
    html = client.get("/en/").content.decode()
    assert f'href="/en{article.get_absolute_url()}"' in html
    assert 'href="/en/cari/"' in html or 'action="/en/cari/"' in html
    assert "/en/feed/" not in html
    assert client.get("/feed/rss/").status_code == 200
    assert client.get("/en/feed/rss/").status_code == 404


def test_every_page_names_both_language_versions_for_search_engines(client):
    article = f.article()
    url = article.get_absolute_url()
    for address in (url, "/en" + url):
        html = client.get(address).content.decode()
        assert f'<link rel="alternate" hreflang="id" href="http://testserver{url}">' in html
        assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{url}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{url}">' in html


def test_alternates_keep_the_page_number_and_the_search_words(client):
    for _ in range(13):
        f.article(title="Vokasi bahasa")
    html = client.get(reverse("articles:search"), {"q": "vokasi", "hal": 2}).content.decode()
    assert 'hreflang="en" href="http://testserver/en/cari/?q=vokasi&amp;hal=2"' in html
    section = client.get("/en/rubrik/berita/", {"hal": 2, "utm_source": "x"}).content.decode()
    assert 'hreflang="id" href="http://testserver/rubrik/berita/?hal=2"' in section


@pytest.mark.parametrize(
    "address",
    ["/", "/en/", "/rubrik/berita/", "/en/rubrik/berita/", "/agenda/", "/arsip/", "/cari/?q=x"],
)
def test_anonymous_public_pages_set_no_cookie_and_do_not_vary_on_it(client, address):
    f.article(title="Berita tanpa kuki")
    response = client.get(address)
    assert response.status_code == 200
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    assert "cookie" not in response.get("Vary", "").lower()
    assert "accept-language" not in response.get("Vary", "").lower()


def test_article_event_and_feeds_set_no_cookie(client):
    article = f.article()
    event = f.event()
    for address in (
        article.get_absolute_url(),
        "/en" + event.get_absolute_url(),
        "/feed/rss/",
        "/sitemap.xml",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.cookies == {}, address
        assert "cookie" not in response.get("Vary", "").lower(), address


def test_the_admin_still_follows_the_staff_language_choice(admin_client):
    response = admin_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response.status_code == 302
    cookie = admin_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert int(cookie["max-age"]) >= 180 * 24 * 60 * 60
    assert admin_client.get("/admin/")["Content-Language"] == "en"
    # The public page at the same time is still Indonesian: the address decides.
    f.article()
    assert admin_client.get("/")["Content-Language"] == "id"


def test_setlang_from_a_public_page_leads_to_its_english_address(client):
    article = f.article()
    url = article.get_absolute_url()
    response = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response["Location"] == "/en" + url


def test_admin_login_is_indonesian_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Nama pengguna" in response.content.decode()
