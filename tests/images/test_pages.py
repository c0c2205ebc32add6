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


def test_body_image_left_without_alt_in_the_editor_gets_the_library_description(client):
    """CKEditor writes alt="" when the field is left empty; the library's text fills it."""
    image = processed_image(alt_text="")
    article = factories.article(
        body=f'<p>Pembuka.</p><p><img alt="" src="{image.file.url}"></p>'
        f'<p><img src="{image.file.url}"></p>'
    )
    image.alt_text = "Peserta praktik di bengkel otomotif"
    image.save()

    html = client.get(article.get_absolute_url()).content.decode()

    body = html[html.index('class="story-body"') :]
    assert body.count('alt="Peserta praktik di bengkel otomotif"') == 2
    assert 'alt=""' not in body[: body.index("</div>")]


def test_cards_cut_by_the_layout_keep_the_focal_point_in_view(client):
    """Cards and the home lead show a 16:9 cut of the width renditions (object-fit: cover)."""
    portrait = processed_image(alt_text="Wisudawan", size=(900, 1600), focal_x=0.3, focal_y=0.15)
    centred = processed_image(alt_text="Gedung", size=(1600, 900))
    factories.article(featured_image=portrait)
    factories.article(featured_image=centred)

    html = client.get(reverse("articles:home")).content.decode()

    tags = dict(re.findall(r'<img [^>]*alt="([^"]+)"([^>]*)>', html))
    # Classes site.css turns into object-position: the public CSP allows no style attribute.
    assert "fx-30 fy-15" in tags["Wisudawan"]
    assert "style=" not in tags["Wisudawan"]
    assert "fx-" not in tags["Gedung"]
