"""A form over the request limits gets a page that hands the typed text back (issue 30).

It used to be a bare 400, and a writer who pasted a long report lost it.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"  # what a browser sends for a form with no file


def form_post(client, url, data):
    return client.post(url, urlencode(data, doseq=True), content_type=FORM)


def test_an_article_over_the_upload_limit_gets_its_text_back(client, team, settings, caplog):
    client.force_login(team["writer"])
    body = "<p>Laporan panjang kunjungan kerja.</p>" * 80_000  # 3.1 MB
    response = form_post(
        client,
        reverse("admin:articles_article_add"),
        {"title": "Kunjungan kerja", "lead": "Teras yang sudah ditulis.", "body": body},
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "Formulir terlalu besar" in page
    assert "Teras yang sudah ditulis." in page
    assert "Laporan panjang kunjungan kerja." in page
    assert "&lt;p&gt;Laporan panjang" in page  # shown as text, never as markup
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_too_many_fields_get_the_same_page(client, team, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    client.force_login(team["writer"])
    response = form_post(
        client,
        reverse("admin:articles_article_add"),
        {"title": "Judul", "speakers": [str(n) for n in range(200)]},
    )
    assert response.status_code == 413
    assert "Judul" in response.content.decode()


def test_more_uploads_than_allowed_in_one_request_get_the_page(client, team, settings):
    client.force_login(team["writer"])
    files = {
        f"upload{n}": f.image_upload(f"foto{n}.jpg")
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    response = client.post(reverse("images:editor-upload"), files)
    assert response.status_code == 413


def test_strangers_get_the_page_without_anything_read_back(client):
    response = form_post(client, reverse("admin:login"), {"username": "x" * 3_000_000})
    assert response.status_code == 413
    assert "xxxxxxxxxx" not in response.content.decode()


def test_other_bad_requests_keep_djangos_answer(client):
    response = client.get("/", HTTP_HOST="bad host")
    assert response.status_code == 400
