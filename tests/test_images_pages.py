"""Uploaded pictures as readers meet them on public pages."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import processed_image

pytestmark = pytest.mark.django_db


def test_speaker_page_shows_the_square_crop_made_around_the_focal_point(client):
    photo = processed_image(alt_text="Potret narasumber", size=(1600, 1200), focal_x=0.1)
    speaker = factories.speaker(photo=photo)
    factories.article().speakers.add(speaker)

    html = client.get(reverse("articles:speaker", args=[speaker.slug])).content.decode()

    portrait = re.search(r'<div class="person-photo">(.*?)</div>', html, re.S).group(1)
    assert photo.renditions["square.webp"]["name"] in portrait
    assert photo.renditions["square.jpg"]["name"] in portrait
    assert 'width="600" height="600"' in portrait
    assert "w960" not in portrait and "w1600" not in portrait
