"""Nothing that is not published reaches any public surface.

Items in every non-public state carry unique marker words; the test then crawls the
whole public site the way a reader, a feed reader and a search engine would (following
every internal link from the home page, the sitemaps, robots.txt and the feeds) and
asks every search page for each marker. No response may contain a marker.
"""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import EventSpeaker, Partner, Status
from tests import factories as f

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [s for s in Status.values if s != Status.PUBLISHED]
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"""(?:href|src|<loc>|<link>)\s*=?\s*["']?([^"'<>\s]+)""")


def _marker(n):
    return f"rahasiaxq{n}zz"


@pytest.fixture
def hidden_markers():
    """One public article and event per unit, plus hidden items each with its own marker."""
    owner = f.unit(name="Direktorat Kebocoran", abbreviation="DitBocor")
    person = f.speaker(name="Narasumber Publik")
    live_event = f.event(owner=owner, title="Kegiatan publik")
    live = f.article(owner=owner, title="Berita publik", event=live_event)
    live.tags.add("topik-publik")
    live.speakers.add(person)
    markers = []
    n = 0
    states = [(s, None) for s in HIDDEN_STATES]
    states.append((Status.PUBLISHED, timezone.now() + timedelta(days=2)))  # scheduled
    for status, at in states:
        n += 1
        word = _marker(n)
        extra = {"publish_at": at} if at else {}
        article = f.article(
            status=status,
            owner=owner,
            title=f"Judul {word}",
            slug=f"berita-{word}",
            lead=f"Teras {word}",
            body=f"<p>Isi {word}</p>",
            event=live_event,
            **extra,
        )
        article.tags.add(f"tag{word}", "topik-publik")
        article.speakers.add(person)
        article.related_units.add(owner)
        hidden_speaker = f.speaker(name=f"Pembicara {word}", bio=f"Profil {word}")
        article.speakers.add(hidden_speaker)
        # Shared things used only by the hidden item: its picture, its partner.
        article.featured_image = f.image(alt_text=f"Foto {word}", caption=f"Keterangan {word}")
        article.save()
        event = f.event(
            status=status,
            owner=owner,
            title=f"Acara {word}",
            slug=f"acara-{word}",
            description=f"Deskripsi {word}",
            **extra,
        )
        event.organisers.add(owner)
        event.partners.add(Partner.objects.create(name=f"Mitra {word}", slug=f"mitra-{word}"))
        EventSpeaker.objects.create(event=event, speaker=hidden_speaker, role="narasumber")
        markers.append(word)
    # A pending copy of the live article must not leak either.
    n += 1
    word = _marker(n)
    f.article(
        status=Status.DRAFT,
        owner=owner,
        slug=live.slug,
        copy_of=live,
        title=f"Revisi {word}",
        lead=f"Teras {word}",
        body=f"<p>{word}</p>",
    )
    markers.append(word)
    return markers


def _crawl(client, start_urls, limit=400):
    seen, queue, bodies = set(), list(start_urls), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/admin", "/static", "/media", "/i18n")):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(urljoin(path, response["Location"]))
            continue
        if response.status_code != 200 or response.streaming:
            continue
        body = unescape(response.content.decode("utf-8", "replace"))
        bodies[path] = body
        for link in LINK.findall(body):
            queue.append(urljoin(path, link))
    return bodies


@pytest.mark.parametrize("visitor", ["anonymous", "reader"])
def test_hidden_items_appear_on_no_public_surface(client, hidden_markers, visitor):
    if visitor == "reader":
        client.force_login(f.user(is_staff=False))
    start = [
        "/",
        "/robots.txt",
        reverse("syndication:sitemap"),
        reverse("syndication:news_sitemap"),
        reverse("syndication:rss"),
        reverse("syndication:atom"),
        reverse("syndication:json"),
        reverse("syndication:agenda_ics"),
        reverse("articles:events"),
        reverse("articles:archive_index"),
    ]
    start += [reverse("articles:search") + f"?q={word}" for word in hidden_markers]
    start += [f"/berita/berita-{word}/" for word in hidden_markers]
    start += [f"/agenda/acara-{word}/" for word in hidden_markers]
    bodies = _crawl(client, start)

    assert len(bodies) > 20, sorted(bodies)  # the crawl really walked the site
    assert any("Berita publik" in body for body in bodies.values())
    leaks = [
        (path, phrase)
        for path, body in bodies.items()
        for word in hidden_markers
        for phrase in _traces(word)
        if phrase in body or phrase in TAG.sub("", body)
    ]
    assert leaks == []


def _traces(word):
    """What a hidden item would leave on a page: its texts, its slugs, its tag.

    The bare marker is not among them: a search page rightly echoes the query.
    """
    texts = ["Judul", "Teras", "Isi", "Acara", "Deskripsi", "Pembicara", "Revisi", "Profil"]
    texts += ["Foto", "Keterangan", "Mitra"]
    return [f"{text} {word}" for text in texts] + [f"-{word}", f"tag{word}"]


def test_archive_counts_only_public_articles(client, hidden_markers):
    page = client.get(reverse("articles:archive_index")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    counts = [int(n) for n in re.findall(r"\((\d+)\)", TAG.sub("", main))]
    assert sum(counts) == 1  # the one public article; every hidden one is left out
