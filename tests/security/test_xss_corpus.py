"""Every field a staff member controls, filled with the XSS corpus, rendered everywhere.

Portal pages (with their JSON-LD), search and its highlighting, RSS/Atom, JSON Feed,
calendars, the admin's lists, change forms and revision history, and notification
e-mails. None may execute a payload or keep it as markup.
"""

import json

import feedparser
import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from articles.models import Correction, EventSpeaker, Partner, Status
from articles.workflow import transitions
from tests import factories as f
from tests.admin.forms import article_data

from .xss import PAYLOADS, live_markup

pytestmark = pytest.mark.django_db


def fill(payload):
    """One of everything, every staff-controlled text field holding the payload."""
    cut = lambda n: payload[:n]  # noqa: E731 (field lengths)
    unit = f.unit(name=cut(200), abbreviation=cut(50) or "U")
    picture = f.image(alt_text=cut(200), caption=cut(300), credit=cut(120))
    partner = Partner.objects.create(name=cut(200), slug="mitra-uji", logo=picture)
    speaker = f.speaker(
        honorific_prefix=cut(60),
        name=cut(150),
        position=cut(200),
        bio=payload,
        photo=picture,
        slug="narasumber-uji",
    )
    speaker.links.create(label=cut(80), url="javascript:alert(1)")
    event = f.event(
        owner=unit,
        title=cut(250),
        slug="kegiatan-uji",
        venue=cut(200),
        address=cut(300),
        platform=cut(100),
        join_url="javascript:alert(1)",
        description=payload,
        mode="hybrid",
    )
    event.partners.set([partner])
    event.organisers.set([unit])
    EventSpeaker.objects.create(event=event, speaker=speaker, role="narasumber")
    article = f.article(
        owner=unit,
        title=cut(250),
        slug="berita-uji",
        lead=payload,
        body=f"<p>Isi korpus {payload}</p>{payload}",
        dateline=cut(80),
        featured_image=picture,
        event=event,
    )
    article.tags.add(cut(90), "korpus")
    article.speakers.set([speaker])
    Correction.objects.create(article=article, text=payload)
    return article, event, speaker, unit


def assert_clean(response, where, *, public=True):
    assert response.status_code == 200, where
    found = live_markup(response.content.decode(), public=public)
    assert not found, (where, found[:5])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_portal_feeds_and_calendars_keep_the_corpus_inert(client, payload):
    article, event, speaker, unit = fill(payload)
    pages = {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": reverse("articles:section", args=[article.section]),
        "tag": reverse("articles:tag", args=["korpus"]),
        "event": event.get_absolute_url(),
        "agenda": reverse("articles:events"),
        "unit": unit.get_absolute_url(),
        "speaker": speaker.get_absolute_url(),
        "search-hit": reverse("articles:search") + "?q=korpus",
        "search-payload": reverse("articles:search") + "?" + _query(payload),
        "archive": reverse("articles:archive_index"),
    }
    for name, url in pages.items():
        assert_clean(client.get(url), name)

    for url in ("/feed/rss/", "/feed/atom/"):
        feed = feedparser.parse(client.get(url).content, sanitize_html=False)
        assert not feed.bozo, (url, feed.bozo_exception)
        for entry in feed.entries:
            for html in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
                assert not live_markup(html), (url, live_markup(html)[:3])

    data = json.loads(client.get("/feed.json").content)
    for item in data["items"]:
        assert not live_markup(item.get("content_html", "")), "JSON Feed"
        assert isinstance(item.get("title", ""), str)

    for url in ("/agenda.ics", f"/agenda/{event.slug}.ics"):
        raw = client.get(url).content
        assert b"\r\nATTACH" not in raw and b"\r\nX-INJ" not in raw, url
        calendar = icalendar.Calendar.from_ical(raw)
        for component in calendar.walk("VEVENT"):
            assert "ATTACH" not in component and "X-INJ" not in component


def _query(payload):
    from urllib.parse import urlencode

    return urlencode({"q": payload[:200]})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_admin_lists_forms_history_and_mail_keep_the_corpus_inert(
    client, payload, django_capture_on_commit_callbacks
):
    article, event, speaker, unit = fill(payload)
    boss = get_user_model().objects.create_superuser(
        "kepala", "kepala@example.test", "x" * 16, first_name=payload[:150]
    )
    f.user("agus", units=[unit], groups=["Redaktur"], last_name=payload[:150])
    client.force_login(boss)

    # A raw POST of the change form, payload in title, lead and body: a pending copy.
    data = article_data(article, title=payload[:250], lead=payload, body=payload)
    client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    writer = f.user("rani", units=[unit], groups=["Kontributor"], first_name=payload[:150])
    draft = f.article(status=Status.DRAFT, owner=unit, title=payload[:250], publish_at=None)
    draft.created_by = writer
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.submit(draft, writer, comment=payload)
    assert mail.outbox, "the unit's editor is told of the submission"

    urls = {
        "article list": reverse("admin:articles_article_changelist"),
        "article form": reverse("admin:articles_article_change", args=[article.pk]),
        "revisions": reverse("admin:articles_article_revisions", args=[article.pk]),
        "draft form": reverse("admin:articles_article_change", args=[draft.pk]),
        "event list": reverse("admin:articles_event_changelist"),
        "event form": reverse("admin:articles_event_change", args=[event.pk]),
        "speaker list": reverse("admin:articles_speaker_changelist"),
        "image list": reverse("admin:articles_image_changelist"),
        "unit list": reverse("admin:units_workunit_changelist"),
        "partner list": reverse("admin:articles_partner_changelist"),
        "user list": reverse("admin:auth_user_changelist"),
        "index": reverse("admin:index"),
    }
    for name, url in urls.items():
        assert_clean(client.get(url), name, public=False)

    for message in mail.outbox:
        for html, _mimetype in getattr(message, "alternatives", []):
            found = live_markup(html, public=False)  # the HTML part escapes what it shows
            assert not found, ("mail", found[:5])
        message.message()  # headers stay single lines whatever the title holds
