"""Body images from the editor: uploaded by staff only, CSRF-checked, same pipeline as the
admin; chosen from the library by staff who may see it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Image
from tests import factories
from tests.factories import picture_bytes

pytestmark = pytest.mark.django_db

URL = reverse("images:editor-upload")
LIBRARY = reverse("images:editor-library")


def uploader(can_add=True, **extra):
    person = factories.user(**extra)
    if can_add:
        person.user_permissions.add(Permission.objects.get(codename="add_image"))
    return person


def csrf_client(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    client.get(reverse("admin:index"))  # the admin page sets the CSRF cookie, as in a browser
    return client, client.cookies["csrftoken"].value


def post(client, data, token=None, name="foto.jpg"):
    headers = {"X-CSRFToken": token} if token else {}
    return client.post(URL, {"upload": SimpleUploadedFile(name, data)}, headers=headers)


def test_staff_upload_creates_an_image_and_returns_its_url():
    person = uploader()
    client, token = csrf_client(person)

    response = post(client, picture_bytes(size=(1200, 900)), token)

    assert response.status_code == 200
    body = response.json()
    image = Image.objects.get()
    assert body["uploaded"] == 1
    assert body["url"] == image.file.url
    assert image.uploaded_by == person
    assert "w960.webp" in image.renditions


def test_bad_file_gets_the_pipeline_message_in_ckeditor_format():
    client, token = csrf_client(uploader())

    response = post(client, picture_bytes() + b"PK\x03\x04zip", token)

    assert response.status_code == 200
    body = response.json()
    assert body["uploaded"] == 0
    assert "data lain setelah akhir gambar" in body["error"]["message"]
    assert not Image.objects.exists()


def test_missing_file_is_a_message_not_an_error():
    client, token = csrf_client(uploader())
    response = client.post(URL, {}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json()["uploaded"] == 0


def test_without_csrf_token_the_upload_is_refused():
    client, _token = csrf_client(uploader())
    assert post(client, picture_bytes()).status_code == 403
    assert not Image.objects.exists()


def test_staff_without_permission_is_refused():
    client, token = csrf_client(uploader(can_add=False))
    response = post(client, picture_bytes(), token)
    assert response.status_code == 403
    assert response.json()["uploaded"] == 0
    assert not Image.objects.exists()


def test_anonymous_and_non_staff_are_refused(client):
    assert (
        client.post(URL, {"upload": SimpleUploadedFile("a.jpg", picture_bytes())}).status_code
        == 403
    )
    client.force_login(uploader(is_staff=False))
    assert (
        client.post(URL, {"upload": SimpleUploadedFile("a.jpg", picture_bytes())}).status_code
        == 403
    )
    assert not Image.objects.exists()


def test_get_is_not_allowed(client):
    client.force_login(uploader())
    assert client.get(URL).status_code == 405


def test_article_editor_is_wired_to_the_upload_and_library_endpoints(client):
    client.force_login(factories.user(is_superuser=True))
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "data-body-editor" in html
    assert URL in html and LIBRARY in html
    assert "articles/editor/body.js" in html
    assert "ckeditor" not in html.lower()


def test_library_lists_newest_pictures_and_finds_them_by_description():
    person = uploader()
    person.user_permissions.add(Permission.objects.get(codename="view_image"))
    client, token = csrf_client(person)
    post(client, picture_bytes(), token)
    post(client, picture_bytes(), token)
    older, newer = Image.objects.order_by("pk")
    older.alt_text = "Menteri membuka lomba debat"
    older.save()

    everything = client.get(LIBRARY).json()["results"]
    found = client.get(LIBRARY, {"q": "lomba DEBAT"}).json()["results"]

    assert [row["url"] for row in everything] == [newer.file.url, older.file.url]
    assert [(row["url"], row["alt"]) for row in found] == [
        (older.file.url, "Menteri membuka lomba debat")
    ]
    assert client.get(LIBRARY, {"q": "tidak ada"}).json()["results"] == []


def test_library_is_for_staff_who_may_see_pictures(client):
    assert client.get(LIBRARY).status_code == 403
    client.force_login(uploader())  # may add, not view
    assert client.get(LIBRARY).status_code == 403
