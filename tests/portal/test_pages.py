"""Every public page type, as a reader sees it."""

import json
import re

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


@pytest.fixture
def story():
    return f.press_release_story()


def test_article_page_shows_what_the_press_release_shows(client, story):
    response = client.get(story.article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Dit. Mitras DUDI Selenggarakan Kelas Daring Media Sosial" in html
    assert "Jakarta, Ditjen Diksi --" in html
    assert "Kamis, 25 Juni 2020" in html
    assert "10.00 WIB" in html
    assert '<time datetime="2020-06-25T10:00:00+07:00">' in html
    assert "(Diksi/RA/AP/DE)" in html
    assert "<p>Narasumber membahas strategi SMART" in html  # body rendered as HTML
    assert "Peserta kelas daring di layar Zoom" in html  # alt text
    assert "Suasana kelas" in html and "Humas Diksi" in html  # caption and credit
    assert reverse("articles:tag", args=["media-sosial"]) in html
    assert story.mitras.get_absolute_url() in html
    assert "Jumlah peserta diperbaiki menjadi 43." in html  # correction note


def test_article_page_has_the_related_event_box(client, story):
    html = client.get(story.article.get_absolute_url()).content.decode()
    box = html[html.index('class="event-box"') :]

    assert "Kelas Daring Pengelolaan Media Sosial" in box
    assert "Kamis, 25 Juni 2020, 10.00\u201312.00 WIB" in box
    assert "Zoom" in box and "https://zoom.example.test/j/1" in box
    assert "Novan Putranto" in box and "(Narasumber)" in box
    assert "Ellen Gracia" in box and "(Moderator)" in box
    assert box.index("Novan Putranto") < box.index("Ellen Gracia")  # speaker order


def test_a_speaker_with_two_roles_is_listed_once_with_both(client, story):
    from articles.models import EventSpeaker

    EventSpeaker.objects.create(
        event=story.event, speaker=story.ellen, role="pemandu_acara", order=3
    )
    for url in (story.article.get_absolute_url(), story.event.get_absolute_url()):
        response = client.get(url)
        html = response.content.decode()
        people = html[html.index('class="speakers"') :]
        people = people[: people.index("</ul>")]

        assert people.count("Ellen Gracia") == 1, url
        assert "(Moderator, Pemandu acara)" in people, url
        assert people.index("Novan Putranto") < people.index("Ellen Gracia")

    (event,) = json_ld(client.get(story.event.get_absolute_url()))
    assert [p["name"] for p in event["performer"]] == ["Novan Putranto", "Ellen Gracia"]


def test_article_page_has_share_links_and_a_copy_link_without_javascript(client, story):
    html = client.get(story.article.get_absolute_url()).content.decode()
    url = "http://testserver/berita/mitras-dudi-kelas-daring/"

    for prefix in (
        "https://wa.me/?text=",
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fberita",
        "https://x.com/intent/post?url=",
        "https://www.linkedin.com/sharing/share-offsite/?url=",
        "https://t.me/share/url?url=",
        "mailto:?subject=",
    ):
        assert f'href="{prefix}' in html, prefix
    assert f'readonly value="{url}"' in html
    assert f'<a href="{url}">' in html
    email = html[html.index('class="share-email"') :].split("</a>")[0]
    assert "target=" not in email and "jendela baru" not in email  # the mail program opens


def test_related_articles_share_a_tag_or_the_event(client, story):
    by_tag = f.article(title="Sesama topik", owner=story.mitras)
    by_tag.tags.add("SMART")
    by_event = f.article(title="Sesama kegiatan", owner=story.mitras, event=story.event)
    unrelated = f.article(title="Tak berkaitan", owner=story.mitras)

    html = client.get(story.article.get_absolute_url()).content.decode()
    related = html[html.index('id="related-title"') :]

    assert by_tag.title in related and by_event.title in related
    assert unrelated.title not in related


def test_event_page_shows_time_mode_people_and_coverage(client, story):
    response = client.get(story.event.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Kamis, 25 Juni 2020, 10.00 WIB" in html
    assert "Kamis, 25 Juni 2020, 12.00 WIB" in html
    assert "Daring" in html and "Zoom" in html
    assert "Direktorat Kemitraan dan Penyelarasan" in html  # organiser
    assert "CNBC Indonesia" in html  # partner
    assert "Biro Kerja Sama dan Hubungan Masyarakat" in html  # participating unit
    assert "43 peserta" in html
    assert "(Narasumber)" in html and "(Moderator)" in html
    assert story.article.title in html  # the published article covering it


def test_home_shows_lead_story_sections_and_upcoming_events(client, story):
    newer = f.article(title="Berita paling baru", section="berita", owner=story.mitras)
    upcoming = f.event(title="Webinar pekan depan", owner=story.mitras)

    html = client.get(reverse("articles:home")).content.decode()

    lead = html[html.index('class="lead-story"') : html.index('class="home-grid"')]
    assert newer.title in lead
    assert "Siaran Pers" in html and story.article.title in html
    assert upcoming.title in html


def test_section_tag_unit_and_speaker_pages_list_their_articles(client, story):
    pages = [
        reverse("articles:section", args=["siaran-pers"]),
        reverse("articles:tag", args=["media-sosial"]),
        story.mitras.get_absolute_url(),
        story.novan.get_absolute_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert story.article.title in response.content.decode(), url


def test_unit_and_speaker_pages_list_their_events(client, story):
    unit_html = client.get(story.bkhm.get_absolute_url()).content.decode()  # a participant
    speaker_html = client.get(story.ellen.get_absolute_url()).content.decode()

    assert story.event.title in unit_html
    assert story.event.title in speaker_html
    assert "Moderator" in speaker_html


def test_list_pages_name_their_feed_scope(client, story):
    cases = {
        reverse("articles:section", args=["berita"]): ("section", "berita"),
        reverse("articles:tag", args=["smart"]): ("tag", "smart"),
        story.mitras.get_absolute_url(): ("unit", story.mitras.slug),
        story.novan.get_absolute_url(): ("speaker", story.novan.slug),
    }
    for url, (scope, slug) in cases.items():
        response = client.get(url)
        assert (response.context["feed_scope"], response.context["feed_slug"]) == (scope, slug)
        kwargs = {"section": slug} if scope == "section" else {"slug": slug}
        feed = reverse(f"syndication:{scope}_rss", kwargs=kwargs)
        html = response.content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html
        # The visible links in the page's body, each naming this page's own feed.
        body = html.split('<main id="main"', 1)[1]
        assert f'<a href="{feed}" type="application/rss+xml"' in body
        assert f"dari={url}" in body


def test_unknown_section_and_unused_tag_are_not_found(client, story):
    assert client.get("/rubrik/gosip/").status_code == 404
    assert client.get("/topik/tidak-ada/").status_code == 404


def test_agenda_splits_upcoming_and_past_and_filters_by_kind_and_unit(client, story):
    webinar = f.event(title="Webinar mendatang", kind="webinar", owner=story.ditjen)
    seminar = f.event(title="Seminar mendatang", kind="seminar", owner=story.bkhm)

    html = client.get(reverse("articles:events")).content.decode()
    upcoming = html[html.index('id="upcoming-title"') : html.index('id="past-title"')]
    past = html[html.index('id="past-title"') :]
    assert webinar.title in upcoming and seminar.title in upcoming
    assert story.event.title in past

    by_kind = client.get(reverse("articles:events"), {"jenis": "seminar"}).content.decode()
    assert seminar.title in by_kind and webinar.title not in by_kind

    by_unit = client.get(reverse("articles:events"), {"unit": story.bkhm.slug}).content.decode()
    assert seminar.title in by_unit and story.event.title in by_unit  # owner or participant
    assert webinar.title not in by_unit


def test_agenda_offers_its_calendar_to_subscribe_to(client, story):
    html = client.get(reverse("articles:events")).content.decode()
    ics = "http://testserver" + reverse("syndication:agenda_ics")

    assert f'href="{ics}"' in html
    assert 'href="webcal://testserver' + reverse("syndication:agenda_ics") + '"' in html


def test_agenda_ignores_nonsense_filters(client, story):
    response = client.get(reverse("articles:events"), {"jenis": "'; drop", "unit": "x" * 500})
    assert response.status_code == 200
    assert story.event.title in response.content.decode()

    webinar = f.event(title="Webinar mendatang", kind="webinar")
    half_valid = client.get(reverse("articles:events"), {"jenis": "kelas_daring", "unit": "zzz"})
    assert story.event.title in half_valid.content.decode()
    assert webinar.title not in half_valid.content.decode()


def test_archive_by_year_and_month(client, story):
    index = client.get(reverse("articles:archive_index")).content.decode()
    assert reverse("articles:archive_month", args=[2020, 6]) in index

    year = client.get(reverse("articles:archive", args=[2020]))
    month = client.get(reverse("articles:archive_month", args=[2020, 6]))
    assert story.article.title in year.content.decode()
    assert "Juni 2020" in month.content.decode()
    assert story.article.title in month.content.decode()
    assert client.get(reverse("articles:archive_month", args=[2020, 7])).status_code == 404
    assert client.get(reverse("articles:archive_month", args=[2020, 13])).status_code == 404


@pytest.mark.parametrize(
    "path", ["/arsip/0/", "/arsip/1/", "/arsip/10000/", "/arsip/0/1/", "/arsip/1/1/",
             "/arsip/10000/12/", "/arsip/99999999999999999999/"],
)  # fmt: skip
def test_archive_of_a_year_no_calendar_holds_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_lists_are_paginated(client):
    owner = f.unit()
    for _ in range(15):
        f.article(owner=owner, section="berita")
    url = reverse("articles:section", args=["berita"])

    first = client.get(url)
    second = client.get(url, {"hal": 2})
    beyond = client.get(url, {"hal": 99})

    assert len(first.context["page"]) == 12
    assert len(second.context["page"]) == 3
    assert 'rel="next" href="?hal=2"' in first.content.decode()
    assert beyond.status_code == 200 and beyond.context["page"].number == 2


def test_english_interface_keeps_the_wib_clock(client, story):
    html = client.get("/en" + story.article.get_absolute_url()).content.decode()

    assert "Thursday, 25 June 2020" in html
    assert "10.00 WIB" in html


def test_language_switcher_is_plain_links_to_this_page_in_each_language(client, story):
    url = story.article.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'<a href="/en{url}" hreflang="en" lang="en">English</a>' in html
    assert "<form" not in html.split('class="language-links"')[1].split("</nav>")[0]

    english = client.get(f"/en{url}").content.decode()
    assert "Thursday, 25 June 2020" in english
    assert f'<a href="{url}" hreflang="id" lang="id">Bahasa Indonesia</a>' in english


def test_withdrawn_article_and_event_answer_410_in_the_layout(client, story):
    # Withdrawn after it was public: only that answers 410 (a never-public item is 404).
    was = {"publish_at": story.start, "first_published_at": story.start}
    gone = f.article(status="withdrawn", **was)
    gone_event = f.event(status="withdrawn", **was)

    for url in (gone.get_absolute_url(), gone_event.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 410
        assert "telah ditarik" in response.content.decode()
        assert 'class="site-header"' in response.content.decode()


def test_unknown_page_is_a_friendly_404_in_the_layout(client):
    response = client.get("/tidak-ada-di-sini/")
    html = response.content.decode()

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html
    assert 'class="site-header"' in html and 'role="search"' in html


def test_server_error_page_is_in_the_layout(rf):
    from articles.portal.pages import server_error
    from newsroom import urls

    response = server_error(rf.get("/"))

    assert urls.handler500 == "articles.portal.pages.server_error"
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_json_ld_describes_article_event_speaker_and_unit(client, story):
    (article,) = json_ld(client.get(story.article.get_absolute_url()))
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == story.article.title
    assert article["datePublished"] == "2020-06-25T10:00:00+07:00"
    assert article["dateModified"].endswith("+07:00")
    assert article["image"][0].startswith("http://testserver/")
    assert article["author"]["name"] == story.mitras.name
    assert article["publisher"]["@type"] == "GovernmentOrganization"
    assert article["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"

    (event,) = json_ld(client.get(story.event.get_absolute_url()))
    assert event["@type"] == "Event"
    assert event["startDate"] == "2020-06-25T10:00:00+07:00"
    assert event["endDate"] == "2020-06-25T12:00:00+07:00"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": "https://zoom.example.test/j/1",
        "name": "Zoom",
    }
    assert {o["name"] for o in event["organizer"]} == {story.mitras.name, "CNBC Indonesia"}
    assert [p["name"] for p in event["performer"]] == ["Novan Putranto", "Ellen Gracia"]

    (person,) = json_ld(client.get(story.novan.get_absolute_url()))
    assert person["@type"] == "Person" and person["name"] == "Novan Putranto"

    (organisation,) = json_ld(client.get(story.mitras.get_absolute_url()))
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["parentOrganization"]["name"] == story.ditjen.name


def test_event_is_pictured_by_the_photo_of_the_news_that_covers_it(client, story):
    response = client.get(story.event.get_absolute_url())
    (event,) = json_ld(response)
    photo = re.search(r'<meta property="og:image" content="([^"]+)"', response.content.decode())

    assert event["image"] == [photo.group(1)]
    assert photo.group(1).startswith("http://testserver/media/")

    upcoming = f.event(title="Webinar yang belum diberitakan")
    (event,) = json_ld(client.get(upcoming.get_absolute_url()))
    assert "image" not in event


def test_offline_event_json_ld_has_a_place_with_address(client):
    hall = f.event(mode="offline", platform="", venue="Gedung E", address="Jl. Sudirman, Jakarta")
    (event,) = json_ld(client.get(hall.get_absolute_url()))

    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["streetAddress"] == "Jl. Sudirman, Jakarta"


def test_json_ld_cannot_break_out_of_its_script_tag(client):
    title = "Judul </script><script>alert(1)</script> & lainnya"
    item = f.article(title=title)
    response = client.get(item.get_absolute_url())
    html = response.content.decode()

    assert "<script>alert(1)" not in html
    (data,) = json_ld(response)
    assert data["headline"] == title


def test_feed_links_are_each_pages_own_in_its_language(client, story):
    """The visible feed links are rendered once and reused: never another page's, nor the
    other language's."""
    pages = ["/rubrik/berita/", "/rubrik/artikel/", "/en/rubrik/berita/", "/rubrik/berita/"]
    bodies = [client.get(path).content.decode().split('<main id="main"', 1)[1] for path in pages]

    assert 'href="/rubrik/berita/feed/rss/"' in bodies[0]
    assert 'href="/rubrik/artikel/feed/rss/"' in bodies[1]
    assert "/rubrik/berita/feed/" not in bodies[1]
    assert "Follow via" in bodies[2] and "Subscribe by e-mail" in bodies[2]
    assert "Ikuti lewat" in bodies[0] and "Follow via" not in bodies[0]
    assert "dari=/en/rubrik/berita/" in bodies[2]
    assert bodies[3] == bodies[0]


def test_the_kept_header_marks_each_pages_own_place_and_keeps_its_search_words(client, story):
    """The header and navigation are rendered once per language and place, then reused: a
    page never shows another page's current item, language or search words."""

    def current(path):
        html = client.get(path).content.decode()
        nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
        marked = re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', nav)
        words = re.search(r'name="q" value="([^"]*)"', html)[1]
        return marked, words

    for _ in range(2):
        assert current("/") == ([("/", "Beranda")], "")
        assert current("/rubrik/berita/") == ([("/rubrik/berita/", "Berita")], "")
        assert current("/rubrik/artikel/") == ([("/rubrik/artikel/", "Artikel")], "")
        assert current("/agenda/") == ([("/agenda/", "Agenda")], "")
        assert current("/en/rubrik/berita/") == ([("/en/rubrik/berita/", "News")], "")
        assert current("/cari/?q=vokasi") == ([], "vokasi")
        assert current("/cari/?q=rapat+kerja") == ([], "rapat kerja")
        assert current(story.article.get_absolute_url()) == ([], "")
