"""A renamed tag, unit, speaker, partner or staff member reaches readers polling with an ETag:
the validators cover every name a feed or calendar body shows."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import EventSpeaker, Partner, Speaker
from tests import factories as f
from units.models import StaffProfile, WorkUnit

pytestmark = pytest.mark.django_db


def renamed(client, url, rename):
    first = client.get(url)
    assert first.status_code == 200
    rename()
    return client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])


def credited_article():
    writer = f.user(first_name="Rani", last_name="Astuti", initials="RA")
    article = f.article(writer=writer, editor=f.user(initials="AG"))
    article.tags.add("Pendidikan Vokasi")
    return article


FEED_RENAMES = {
    "tag": lambda a: Tag.objects.filter(name="Pendidikan Vokasi").update(name="Vokasi Baru"),
    "unit": lambda a: WorkUnit.objects.filter(pk=a.unit_id).update(name="Direktorat Baru"),
    "writer": lambda a: type(a.writer).objects.filter(pk=a.writer_id).update(last_name="Baru"),
    "editor initials": lambda a: StaffProfile.objects.filter(user=a.editor_id).update(
        initials="ZZ"
    ),
}


@pytest.mark.parametrize("what", FEED_RENAMES)
@pytest.mark.parametrize("name", ["syndication:rss", "syndication:atom", "syndication:json"])
def test_feed_answers_with_the_new_name_not_a_304(client, name, what):
    article = credited_article()
    if what == "unit":
        article.writer = None
        article.save()
    response = renamed(client, reverse(name), lambda: FEED_RENAMES[what](article))
    assert response.status_code == 200
    body = response.content.decode()
    assert any(new in body for new in ("Vokasi Baru", "Direktorat Baru", "Rani Baru", "ZZ"))


def event_with_names():
    event = f.event()
    speaker = f.speaker(name="Siti Rahma", position="Direktur")
    EventSpeaker.objects.create(event=event, speaker=speaker, role="keynote")
    event.partners.add(Partner.objects.create(name="Mitra Lama", slug="mitra-lama"))
    event.organisers.add(f.unit(name="Unit Penyelenggara"))
    return event


CALENDAR_RENAMES = {
    "speaker": (lambda e: Speaker.objects.update(name="Siti Baru"), "Siti Baru"),
    "position": (lambda e: Speaker.objects.update(position="Sekretaris"), "Sekretaris"),
    "partner": (lambda e: Partner.objects.update(name="Mitra Baru"), "Mitra Baru"),
    "organiser": (
        lambda e: WorkUnit.objects.filter(name="Unit Penyelenggara").update(name="Unit Baru"),
        "Unit Baru",
    ),
}


@pytest.mark.parametrize("what", CALENDAR_RENAMES)
@pytest.mark.parametrize("where", ["agenda", "event", "unit"])
def test_calendar_answers_with_the_new_name_not_a_304(client, where, what):
    event = event_with_names()
    url = {
        "agenda": reverse("syndication:agenda_ics"),
        "event": reverse("syndication:event_ics", args=[event.slug]),
        "unit": reverse("syndication:unit_ics", args=[event.unit.slug]),
    }[where]
    rename, new = CALENDAR_RENAMES[what]
    response = renamed(client, url, lambda: rename(event))
    assert response.status_code == 200
    assert new in response.content.decode().replace("\r\n ", "")


def test_owning_unit_renamed_moves_the_calendar(client):
    event = f.event()
    url = reverse("syndication:agenda_ics")
    response = renamed(
        client, url, lambda: WorkUnit.objects.filter(pk=event.unit_id).update(name="Nama Baru")
    )
    assert response.status_code == 200
