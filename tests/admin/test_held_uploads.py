"""A form that fails validation keeps the uploaded file: the picture library's add form,
sent back for a missing description, saves the chosen photo once it is described."""

import re

import pytest
from django.core.files.storage import default_storage

from articles.models import Image
from tests import factories
from tests.admin.test_image_library import ADD_URL, form_data
from tests.factories import picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    person = factories.user(is_superuser=True)
    client.force_login(person)
    return person


def held_token(response):
    match = re.search(r'name="held_file" value="([^"]+)"', response.content.decode())
    return match and match.group(1)


def test_the_photo_survives_a_missing_description(client, editor):
    first = client.post(ADD_URL, form_data(picture_bytes(size=(1600, 900)), alt_text=""))

    assert first.status_code == 200
    page = first.content.decode()
    assert "Berkas yang Anda pilih tetap tersimpan" in page
    assert "Berkas tersimpan" not in page  # no stored size shown for an unsaved picture
    token = held_token(first)
    assert token and not Image.objects.exists()

    second = client.post(ADD_URL, {**form_data(), "held_file": token})

    assert second.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 900)
    assert "w960.webp" in image.renditions
    _dirs, held = default_storage.listdir("uploads/held")
    assert held == []


def test_a_new_file_replaces_the_held_one_and_a_forged_token_holds_nothing(client, editor):
    token = held_token(client.post(ADD_URL, form_data(picture_bytes(size=(800, 600)), alt_text="")))

    client.post(ADD_URL, {**form_data(picture_bytes(size=(1200, 800))), "held_file": token})
    assert (Image.objects.get().width, Image.objects.get().height) == (1200, 800)

    forged = client.post(ADD_URL, {**form_data(), "held_file": "uploads/held/x"})
    assert forged.status_code == 200
    assert Image.objects.count() == 1
    assert "held_file" not in forged.context["adminform"].form.errors
    assert forged.context["adminform"].form.errors["file"]
