"""The site speaks Indonesian unless the reader picks English with the switcher."""

import pytest
from django.conf import settings

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_the_indonesian_site(client):
    f.article(title="Berita bahasa")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()


def test_the_switcher_turns_the_interface_english_and_back(client):
    f.article()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Content-Language"] == "en"

    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert client.get("/")["Content-Language"] == "id"


def test_the_choice_is_remembered_after_the_browser_closes(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert int(cookie["max-age"]) >= 180 * 24 * 60 * 60


def test_admin_login_is_indonesian_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Nama pengguna" in response.content.decode()
