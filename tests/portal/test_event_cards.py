"""An event card's markup is kept in the process under everything it shows: whatever
changes on the event, its organisers or the speaker's roles, the next card shows it."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template import loader
from django.utils import translation

from articles.models import Event, EventSpeaker
from articles.templatetags.portal import EVENT_CARD_FIELDS
from tests import factories as f

pytestmark = pytest.mark.django_db

# What the card reads of an event that is not a field: each follows from one that is.
DERIVED = {"get_kind_display": "kind", "get_mode_display": "mode", "get_absolute_url": "slug"}


def card(event, level=3, roles=False, language="id"):
    with translation.override(language):
        context = {"event": event, "level": level, "roles": roles}
        return loader.get_template("articles/_event_card.html").render(context)


def fresh(event):
    return Event.objects.prefetch_related("organisers").get(pk=event.pk)


def test_every_event_field_the_card_shows_is_part_of_its_key():
    source = (Path(settings.BASE_DIR) / "templates/articles/_event_card.html").read_text()
    read = set(re.findall(r"\bevent\.(\w+)", source)) - {"organisers", "speaker_roles"}
    assert read, "the card reads its event"
    assert {DERIVED.get(name, name) for name in read} <= set(EVENT_CARD_FIELDS)


def test_a_kept_card_shows_each_change_to_its_event():
    event = f.event(title="Kelas Daring Uji", venue="", platform="Zoom")
    assert "Kelas Daring Uji" in card(event)
    event.title, event.mode, event.venue = "Rapat Koordinasi Uji", "offline", "Aula Uji"
    changed = card(event)
    assert "Rapat Koordinasi Uji" in changed and "Aula Uji" in changed
    assert "Luring" in changed and "Daring" not in changed
    before = card(event)
    event.starts_at += timedelta(days=1)
    event.ends_at += timedelta(days=1)
    assert card(event) != before
    event.slug = "rapat-koordinasi-uji"
    assert "/agenda/rapat-koordinasi-uji/" in card(event)
    assert "<h2" in card(event, level=2) and "<h3" in card(event, level=3)
    english = card(event, language="en")
    assert "In person" in english and "Luring" not in english


def test_a_kept_card_shows_renamed_organisers_and_changed_roles():
    host = f.unit(name="Direktorat Penyelenggara Uji", abbreviation="DPU")
    event = f.event()
    event.organisers.add(host)
    assert ">DPU</a>" in card(fresh(event))
    host.abbreviation = "DPU Baru"
    host.save()
    assert ">DPU Baru</a>" in card(fresh(event))
    event.organisers.add(f.unit(abbreviation="Mitra Uji"))
    assert ">Mitra Uji</a>" in card(fresh(event))

    speaker = f.speaker()
    role = EventSpeaker.objects.create(event=event, speaker=speaker, role="moderator")
    shown = fresh(event)
    shown.speaker_roles = [role]
    assert "Moderator" in card(shown, roles=True)
    role.role = "narasumber"
    shown.speaker_roles = [role]
    assert "Moderator" not in card(shown, roles=True)
