"""Pictures on pages: srcset and sizes so phones fetch small files, no layout jumps."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests import factories
from tests.factories import processed_image

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def srcset_widths(html, selector):
    found = re.search(selector + r'[^>]*srcset="([^"]+)"', html)
    return [int(w) for w in re.findall(r" (\d+)w", found.group(1))]


def test_picture_offers_webp_and_jpeg_at_every_width_with_intrinsic_size(
    django_assert_num_queries,
):
    image = processed_image(alt_text='Rapat "koordinasi" <vokasi>', size=(2400, 1600))

    with django_assert_num_queries(0):
        html = render('{% picture image sizes="(min-width: 48rem) 46rem, 100vw" %}', image=image)

    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert srcset_widths(html, '<source type="image/webp"') == [480, 960, 1600]
    assert srcset_widths(html, "<img") == [480, 960, 1600]
    assert 'sizes="(min-width: 48rem) 46rem, 100vw"' in html
    assert 'width="1600" height="1067"' in html
    assert 'loading="lazy"' in html and "fetchpriority" not in html
    assert 'alt="Rapat &quot;koordinasi&quot; &lt;vokasi&gt;"' in html
    assert image.renditions["w960.jpg"]["name"] in re.search(r'<img src="([^"]+)"', html).group(1)


def test_lead_picture_loads_eagerly_with_high_priority():
    html = render('{% picture image loading="eager" css_class="lead" %}', image=processed_image())
    assert 'loading="eager"' in html and 'fetchpriority="high"' in html
    assert 'class="lead"' in html


def test_square_crop_for_speaker_portraits():
    image = processed_image(size=(1600, 1200))
    html = render('{% picture image sizes="8rem" crop="square" %}', image=image)
    assert image.renditions["square.webp"]["name"] in html
    assert 'width="600" height="600"' in html
    assert "w960" not in html


def test_picture_of_an_image_not_yet_processed_is_a_plain_img():
    image = factories.image()
    html = render("{% picture image %}", image=image)
    assert html.startswith("<img") and image.file.url in html
    assert 'width="64" height="48"' in html


def test_picture_of_nothing_is_empty():
    assert render("{% picture image %}", image=None) == ""


def test_social_image_url_is_the_absolute_url_of_the_1200x630_crop(settings):
    settings.ALLOWED_HOSTS = ["portal.example.test"]
    image = processed_image()
    request = RequestFactory().get("/berita/x/", HTTP_HOST="portal.example.test")
    path = image.file.storage.url(image.renditions["social.jpg"]["name"])

    html = render("{% social_image_url image %}", image=image, request=request)
    assert html == f"http://portal.example.test{path}"

    settings.SITE_URL = "https://vokasi.example.go.id"
    assert (
        render("{% social_image_url image %}", image=image) == f"https://vokasi.example.go.id{path}"
    )


def body_with(image, alt="Suasana kelas daring"):
    return (
        f'<p>Pembuka.</p><p><img src="{image.file.url}" alt="{alt}"></p>'
        '<p><img src="https://contoh.example.org/luar.jpg" alt="Gambar luar"></p>'
    )


def test_responsive_body_rewrites_only_images_uploaded_here(django_assert_num_queries):
    image = processed_image()
    article = factories.article(body=body_with(image))

    with django_assert_num_queries(1):
        html = render("{{ body|safe|responsive_body }}", body=article.body)

    assert html.count("<picture>") == 1
    assert srcset_widths(html, '<source type="image/webp"') == [480, 960, 1600]
    assert 'alt="Suasana kelas daring"' in html
    assert 'loading="lazy"' in html and 'width="1600"' in html
    assert '<img src="https://contoh.example.org/luar.jpg" alt="Gambar luar">' in html


def test_responsive_body_without_uploaded_images_costs_no_query(django_assert_num_queries):
    body = '<p>Teks saja.</p><p><img src="https://contoh.example.org/a.jpg" alt="a"></p>'
    with django_assert_num_queries(0):
        html = render("{{ body|safe|responsive_body }}", body=body)
    assert html == body


def test_responsive_body_keeps_the_escaping_of_unsafe_input():
    image = processed_image()
    html = render("{{ body|responsive_body }}", body=body_with(image))
    assert "<picture>" not in html and "&lt;picture&gt;" in html
