"""Feeds per section, tag, unit and speaker, and the feed links pages carry."""

import html
import re
from datetime import timedelta

import feedparser
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Section, Status
from tests import factories as f
from tests.syndication.test_feeds import XML_FEEDS, parse

pytestmark = pytest.mark.django_db


# --- Scoped feeds ----------------------------------------------------------------------------


def scoped_titles(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    feed = parse(response)
    assert not feed.bozo, feed.get("bozo_exception")
    self_link = next(link for link in feed.feed.links if link.rel == "self")
    assert self_link.href == "http://testserver" + reverse(name, kwargs=kwargs)
    return {entry.title for entry in feed.entries}


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_section_feed_lists_only_that_section(client, fmt):
    press = f.article(section=Section.SIARAN_PERS)
    f.article(section=Section.BERITA)

    titles = scoped_titles(client, f"syndication:section_{fmt}", section="siaran-pers")

    assert titles == {press.title}
    assert client.get(reverse(f"syndication:section_{fmt}", args=["tidak-ada"])).status_code == 404


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_tag_feed_lists_only_tagged_articles(client, fmt):
    tagged = f.article()
    tagged.tags.add("Keterbukaan Informasi Publik")
    f.article().tags.add("lain")
    slug = tagged.tags.get().slug

    assert scoped_titles(client, f"syndication:tag_{fmt}", slug=slug) == {tagged.title}


def test_tag_known_only_from_a_draft_is_not_revealed(client):
    f.article(status=Status.DRAFT).tags.add("rahasia dapur")

    assert client.get(reverse("syndication:tag_rss", args=["rahasia-dapur"])).status_code == 404


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_unit_feed_lists_articles_owned_by_or_about_the_unit(client, fmt):
    unit = f.unit()
    owned = f.article(owner=unit)
    about = f.article()
    about.related_units.add(unit)
    f.article()

    titles = scoped_titles(client, f"syndication:unit_{fmt}", slug=unit.slug)

    assert titles == {owned.title, about.title}
    assert client.get(reverse(f"syndication:unit_{fmt}", args=["tidak-ada"])).status_code == 404


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_speaker_feed_lists_articles_quoting_the_speaker(client, fmt):
    speaker = f.speaker(name="Novan Putranto")
    quoting = f.article()
    quoting.speakers.add(speaker)
    f.article()

    assert scoped_titles(client, f"syndication:speaker_{fmt}", slug=speaker.slug) == {quoting.title}


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("syndication:section_rss", lambda a, t: {"section": a.section}),
        ("syndication:tag_atom", lambda a, t: {"slug": t}),
        ("syndication:unit_rss", lambda a, t: {"slug": a.unit.slug}),
        ("syndication:speaker_atom", lambda a, t: {"slug": a.speakers.get().slug}),
    ],
)
def test_scoped_feeds_hide_unpublished_items(client, name, kwargs):
    live = f.article()
    live.tags.add("vokasi")
    speaker = f.speaker()
    live.speakers.add(speaker)
    hidden = [
        f.article(owner=live.unit, status=Status.DRAFT),
        f.article(owner=live.unit, publish_at=timezone.now() + timedelta(days=1)),
        f.article(owner=live.unit, status=Status.WITHDRAWN, publish_at=timezone.now()),
    ]
    for article in hidden:
        article.tags.add("vokasi")
        article.speakers.add(speaker)

    body = client.get(reverse(name, kwargs=kwargs(live, "vokasi"))).content.decode()

    assert live.title in body
    assert not [article.title for article in hidden if article.title in body]


# --- Links on pages --------------------------------------------------------------------------


def test_head_links_announce_all_news_and_the_page_scope(rf):
    html = render_to_string(
        "syndication/head_links.html",
        {"feed_scope": "unit", "feed_slug": "mitras-dudi"},
        request=rf.get("/"),
    )

    alternates = re.findall(
        r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', html
    )
    assert alternates == [
        ("application/rss+xml", "/feed/rss/"),
        ("application/atom+xml", "/feed/atom/"),
        ("application/feed+json", "/feed.json"),
        ("application/rss+xml", "/unit/mitras-dudi/feed/rss/"),
        ("application/atom+xml", "/unit/mitras-dudi/feed/atom/"),
    ]


def test_head_links_without_scope_only_announce_all_news(rf):
    html = render_to_string("syndication/head_links.html", {}, request=rf.get("/"))

    assert html.count('rel="alternate"') == 3


def test_list_page_shows_visible_links_for_its_section(rf):
    html = render_to_string(
        "syndication/list_feed_links.html",
        {"feed_scope": "section", "feed_slug": "siaran-pers"},
        request=rf.get("/rubrik/siaran-pers/"),
    )

    assert 'href="/rubrik/siaran-pers/feed/rss/"' in html
    assert 'href="/rubrik/siaran-pers/feed/atom/"' in html
    assert "Rubrik Siaran Pers (RSS)" in html


def test_unit_list_page_also_offers_its_calendar(rf):
    html = render_to_string(
        "syndication/list_feed_links.html",
        {"feed_scope": "unit", "feed_slug": "mitras-dudi"},
        request=rf.get("/unit/mitras-dudi/"),
    )

    assert 'href="webcal://testserver/unit/mitras-dudi/agenda.ics"' in html
    assert 'href="/unit/mitras-dudi/feed/rss/"' in html


@pytest.mark.parametrize("name", XML_FEEDS)
def test_lead_is_plain_text_whatever_characters_it_holds(client, name):
    """The lead is typed as plain text; RSS and Atom carry it as HTML, so it is escaped."""
    f.article(lead="Magang terbuka untuk siswa <SMK> & mahasiswa D3 <b>vokasi</b>.")

    # Parsed as a reader does: the summary is HTML, cleaned of tags it does not know.
    [entry] = feedparser.parse(client.get(reverse(name)).content).entries

    assert entry.summary_detail.type == "text/html"
    assert html.unescape(entry.summary) == (
        "Magang terbuka untuk siswa <SMK> & mahasiswa D3 <b>vokasi</b>."
    )


def test_every_list_page_links_its_feed_or_calendar_where_readers_see_it(client):
    """Not only in <head>: a visitor finds the subscription on the list page itself."""
    unit = f.unit(slug="mitras-dudi")
    speaker = f.speaker(slug="novan-putranto")
    article = f.article(owner=unit, section=Section.BERITA)
    article.tags.add("media sosial")
    article.speakers.add(speaker)
    f.event(owner=unit)

    expected = {
        "/": ['href="/feed/rss/"', 'href="/feed/atom/"', 'href="/feed.json"'],
        "/rubrik/berita/": ['href="/rubrik/berita/feed/rss/"'],
        "/topik/media-sosial/": ['href="/topik/media-sosial/feed/rss/"'],
        "/unit/mitras-dudi/": [
            'href="/unit/mitras-dudi/feed/rss/"',
            'href="webcal://testserver/unit/mitras-dudi/agenda.ics"',
        ],
        "/narasumber/novan-putranto/": ['href="/narasumber/novan-putranto/feed/rss/"'],
        "/agenda/": [
            'href="webcal://testserver/agenda.ics"',
            'href="http://testserver/agenda.ics"',
        ],
    }
    for url, links in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().split("</head>", 1)[1]
        for link in links:
            assert link in body, (url, link)
