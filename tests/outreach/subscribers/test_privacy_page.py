"""The privacy page says what is kept about subscribers, in both languages, and is cached."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_privacy_page_in_indonesian_says_what_is_kept_and_why(client):
    response = client.get("/privasi/")
    html = response.content.decode()

    assert response.status_code == 200
    assert reverse("articles:privacy") == "/privasi/"
    assert "UU 27/2022" in html or "Nomor 27 Tahun 2022" in html
    assert "catatan persetujuan" in html
    assert "dihapus setelah 7 hari" in html
    assert "Gedung E" in html  # the institution's address
    assert not response.cookies


def test_privacy_page_in_english_under_en(client):
    with translation.override("en"):
        address = reverse("articles:privacy")
    response = client.get(address)

    assert address == "/en/privasi/"
    assert response.status_code == 200
    assert "Privacy policy" in response.content.decode()
    assert 'hreflang="id" href="http://testserver/privasi/"' in response.content.decode()


def test_every_page_links_the_privacy_page(client):
    assert 'href="/privasi/"' in client.get("/").content.decode()
