"""The demo site as a newcomer browses it after `make run`: every page type answers, shows
what a reader needs, and nothing that is not public."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.demo.loader import load
from articles.demo.stories import PRESS_RELEASE_ARTICLE
from articles.models import Article, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load(report=lambda *_: None)
    return Article.objects.published().get(slug=PRESS_RELEASE_ARTICLE)


def between(html, start, end):
    html = html[html.index(start) :]
    return html[: html.index(end)]


def test_press_release_page_reads_like_the_press_release(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    url = "http://testserver" + demo.get_absolute_url()

    header = between(html, 'class="story-header"', "</header>")
    assert "Kamis, 25 Juni 2020, 15.00 WIB" in header
    assert '<time datetime="2020-06-25T15:00:00+07:00">' in header
    assert "Jakarta, Ditjen Diksi --" in html
    assert "(Diksi/RA/AP/DE)" in html
    assert "<figcaption>" in html and "Foto: Humas Dit. Mitras DUDI" in html
    assert f'href="{reverse("articles:tag", args=["media-sosial"])}"' in html
    assert "Direktorat Kemitraan dan Penyelarasan Dunia Usaha dan Dunia Industri" in html

    box = between(html, 'class="event-box"', "</aside>")
    assert "Kelas Daring Pengelolaan Media Sosial di Lingkungan Kemendikbud" in box
    assert "Kamis, 25 Juni 2020, 10.00\u201312.00 WIB" in box
    assert "Daring" in box and "Konferensi video" in box
    assert 'Novan Putranto</a> <span class="role">(Narasumber)' in box
    assert 'Ellen Gracia</a> <span class="role">(Pemandu acara, Moderator)' in box

    share = between(html, 'class="share"', "</section>")
    for href in (
        "https://wa.me/?text=",
        "https://www.facebook.com/sharer/sharer.php?u=" + quote(url, safe=""),
        "https://x.com/intent/post?url=" + quote(url, safe=""),
        "https://www.linkedin.com/sharing/share-offsite/?url=" + quote(url, safe=""),
        "https://t.me/share/url?url=" + quote(url, safe=""),
        "mailto:?subject=",
    ):
        assert f'href="{href}' in share, href
    assert f'readonly value="{url}"' in share


def test_every_page_type_answers_and_shows_nothing_unpublished(client, demo):
    event = Event.objects.published().get(pk=demo.event_id)
    hidden = [
        *Article.objects.originals().exclude(pk__in=Article.objects.published().values("pk")),
        *Event.objects.originals().exclude(pk__in=Event.objects.published().values("pk")),
    ]
    assert len(hidden) >= 10  # every workflow state but published, and a scheduled story
    pages = {
        reverse("articles:home"): [demo.title, "Agenda mendatang"],
        demo.get_absolute_url(): [demo.title],
        event.get_absolute_url(): ["43 peserta", "CNBC Indonesia", demo.title],
        reverse("articles:section", args=["siaran-pers"]): [demo.title],
        reverse("articles:tag", args=[Tag.objects.get(name="SMART").slug]): [demo.title],
        demo.unit.get_absolute_url(): [demo.title, event.title],
        reverse("articles:speaker", args=["novan-putranto"]): [demo.title, event.title],
        reverse("articles:events"): [event.title, "Akan datang", "Telah berlangsung"],
        reverse("articles:archive_index"): ["2020"],
        reverse("articles:archive", args=[2020]): [demo.title],
        reverse("articles:archive_month", args=[2020, 6]): ["Juni 2020", demo.title],
        reverse("articles:search") + "?q=kelas+daring": [demo.title],
    }
    for url, shown in pages.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        for text in shown:
            assert text in html, (url, text)
        for item in hidden:
            assert item.title not in html, (url, item.title)
            assert item.get_absolute_url() not in html, (url, item.title)
