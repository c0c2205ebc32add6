"""Drafts, items in review, scheduled and withdrawn items never reach any public page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import EventSpeaker, Status
from tests import factories as f

pytestmark = pytest.mark.django_db

HIDDEN = "RAHASIA"


@pytest.fixture
def world():
    story = f.press_release_story()
    past = timezone.now() - timedelta(days=1)
    variants = [
        {"status": Status.DRAFT, "publish_at": None},
        {"status": Status.IN_REVIEW, "publish_at": None},
        {"status": Status.CHANGES_REQUESTED, "publish_at": None},
        {"status": Status.APPROVED, "publish_at": past},
        {"status": Status.WITHDRAWN, "publish_at": past},
        {"status": Status.PUBLISHED, "publish_at": timezone.now() + timedelta(days=1)},
    ]
    for n, fields in enumerate(variants):
        hidden_event = f.event(
            title=f"{HIDDEN} kegiatan {n}",
            owner=story.mitras,
            kind="kelas_daring",
            starts_in=timedelta(days=n - 3),
            **fields,
        )
        hidden_event.organisers.set([story.mitras])
        hidden_event.participating_units.set([story.bkhm])
        EventSpeaker.objects.create(event=hidden_event, speaker=story.novan, role="narasumber")
        hidden = f.article(
            title=f"{HIDDEN} berita {n}",
            lead=f"{HIDDEN} teras media sosial",
            section="siaran-pers",
            owner=story.mitras,
            event=story.event,
            **fields,
        )
        hidden.tags.add("media sosial", f"{HIDDEN.lower()}-{n}")
        hidden.speakers.add(story.novan)
        hidden.related_units.add(story.bkhm)
    # A pending copy of the live article, carrying the live slug.
    f.article(
        title=f"{HIDDEN} revisi",
        slug=story.article.slug,
        copy_of=story.article,
        owner=story.mitras,
        status=Status.IN_REVIEW,
    )
    # The live article is linked to an event that is still a draft: no event box for it.
    draft_event = f.event(title=f"{HIDDEN} kegiatan draf", status=Status.DRAFT, publish_at=None)
    linked = f.article(title="Berita dengan kegiatan draf", owner=story.mitras, event=draft_event)
    return story, linked


def public_pages(story, linked):
    return [
        reverse("articles:home"),
        story.article.get_absolute_url(),
        linked.get_absolute_url(),
        story.event.get_absolute_url(),
        reverse("articles:section", args=["siaran-pers"]),
        reverse("articles:tag", args=["media-sosial"]),
        story.mitras.get_absolute_url(),
        story.bkhm.get_absolute_url(),
        story.novan.get_absolute_url(),
        reverse("articles:events"),
        reverse("articles:events") + "?jenis=kelas_daring&unit=" + story.mitras.slug,
        reverse("articles:archive_index"),
        reverse("articles:archive", args=[timezone.now().year]),
        reverse("articles:search") + "?q=media+sosial",
        reverse("articles:search") + "?q=teras+media",
    ]


def test_no_public_page_shows_or_counts_unpublished_items(client, world):
    story, linked = world
    for url in public_pages(story, linked):
        response = client.get(url)
        assert response.status_code == 200, url
        assert HIDDEN not in response.content.decode(), url
        assert HIDDEN.lower() not in response.content.decode(), url


def test_unpublished_items_have_no_page_of_their_own(client, world):
    from articles.models import Article, Event

    for item in [*Article.objects.exclude(pk__in=Article.objects.published())]:
        if item.copy_of_id:
            continue
        assert client.get(item.get_absolute_url()).status_code in (404, 410), item.title
    for item in Event.objects.exclude(pk__in=Event.objects.published()):
        assert client.get(item.get_absolute_url()).status_code in (404, 410), item.title


def test_tags_and_speakers_known_only_from_unpublished_items_are_not_public(client, world):
    lonely = f.speaker("Hanya di draf")
    draft = f.article(status=Status.DRAFT, publish_at=None)
    draft.speakers.add(lonely)

    assert client.get(reverse("articles:tag", args=[f"{HIDDEN.lower()}-0"])).status_code == 404
    assert client.get(lonely.get_absolute_url()).status_code == 404


def test_archive_counts_only_published_articles(client, world):
    story, _ = world
    html = client.get(reverse("articles:archive_index")).content.decode()
    june_2020 = reverse("articles:archive_month", args=[2020, 6])

    hidden_year = '<span class="visually-hidden"> 2020</span>'
    assert f'{june_2020}">Juni{hidden_year}</a> <span class="count">(1)</span>' in html
