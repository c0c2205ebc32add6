"""iCalendar files and "add to calendar" links, read back with the icalendar library."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import AttendanceMode, Event, EventSpeaker, Partner, SpeakerRole, Status
from tests import factories as f

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def read(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return [component for component in calendar.walk("VEVENT")]


def online_class(abbreviation="Mitras DUDI"):
    """The press release's online class: organiser, partner, speaker and moderator."""
    mitras = f.unit(name="Direktorat Kemitraan dan Penyelarasan DUDI", abbreviation=abbreviation)
    start = timezone.now().astimezone(JAKARTA).replace(microsecond=0) + timedelta(days=7)
    event = f.event(
        owner=mitras,
        title="Kelas Daring Pengelolaan Media Sosial",
        starts_in=timedelta(0),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        mode=AttendanceMode.ONLINE,
        platform="Zoom",
        join_url="https://zoom.example.org/j/123",
        description="Kelas daring tentang strategi media sosial instansi.",
    )
    event.organisers.add(mitras)
    partner, _ = Partner.objects.get_or_create(name="CNBC Indonesia", slug="cnbc-indonesia")
    event.partners.add(partner)
    novan = f.speaker(name="Novan Putranto", position="News Coverage and Social Lead")
    ellen = f.speaker(name="Ellen Gracia")
    EventSpeaker.objects.create(event=event, speaker=novan, role=SpeakerRole.NARASUMBER, order=1)
    EventSpeaker.objects.create(event=event, speaker=ellen, role=SpeakerRole.MODERATOR, order=2)
    return event


def test_event_ics_describes_the_event_in_jakarta_time(client):
    event = online_class()

    response = client.get(reverse("syndication:event_ics", kwargs={"slug": event.slug}))

    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = read(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Jakarta"
    [component] = vevents(calendar)
    assert component["UID"] == f"kegiatan-{event.pk}@127.0.0.1"
    assert component["SUMMARY"] == "Kelas Daring Pengelolaan Media Sosial"
    start, end = component["DTSTART"], component["DTEND"]
    assert start.params["TZID"] == end.params["TZID"] == "Asia/Jakarta"
    assert start.dt == event.starts_at and end.dt == event.ends_at
    assert start.dt.utcoffset() == timedelta(hours=7)
    assert component["LOCATION"] == "https://zoom.example.org/j/123"
    assert component["URL"] == f"http://testserver/agenda/{event.slug}/"
    assert component["ORGANIZER"].params["CN"] == "Direktorat Kemitraan dan Penyelarasan DUDI"
    description = str(component["DESCRIPTION"])
    assert "Kelas daring tentang strategi media sosial instansi." in description
    assert (
        "- Novan Putranto (Narasumber), News Coverage and Social Lead\n- Ellen Gracia (Moderator)"
        in description
    )
    assert "CNBC Indonesia" in description
    assert "https://zoom.example.org/j/123" in description


def test_offline_event_gives_venue_and_address_as_location(client):
    event = f.event(
        mode=AttendanceMode.OFFLINE,
        platform="",
        venue="Gedung E Kemendikbud",
        address="Jl. Jenderal Sudirman, Senayan, Jakarta",
    )

    [component] = vevents(read(client.get(reverse("syndication:event_ics", args=[event.slug]))))

    assert component["LOCATION"] == "Gedung E Kemendikbud, Jl. Jenderal Sudirman, Senayan, Jakarta"


def test_uid_survives_title_slug_and_time_changes(client):
    event = f.event()
    before = vevents(read(client.get(reverse("syndication:event_ics", args=[event.slug]))))[0]

    event.title = "Judul baru"
    event.slug = "judul-baru"
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event.version += 1
    event.save()
    after = vevents(read(client.get(reverse("syndication:event_ics", args=["judul-baru"]))))[0]

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["DTSTART"].dt == event.starts_at.replace(microsecond=0)


def test_unpublished_event_has_no_ics(client):
    draft = f.event(status=Status.DRAFT)
    scheduled = f.event(publish_at=timezone.now() + timedelta(hours=1))
    withdrawn = f.event(status=Status.WITHDRAWN, publish_at=timezone.now() - timedelta(days=1))

    for event in (draft, scheduled, withdrawn):
        assert client.get(reverse("syndication:event_ics", args=[event.slug])).status_code == 404


def test_agenda_lists_upcoming_and_recent_published_events_only(client):
    upcoming = f.event(starts_in=timedelta(days=10))
    recent = f.event(starts_in=-timedelta(days=3))
    long_past = f.event(starts_in=-timedelta(days=90))
    hidden = [
        f.event(status=Status.DRAFT),
        f.event(status=Status.IN_REVIEW, publish_at=timezone.now() - timedelta(days=1)),
        f.event(status=Status.WITHDRAWN, publish_at=timezone.now() - timedelta(days=1)),
        f.event(publish_at=timezone.now() + timedelta(hours=1)),
    ]

    calendar = read(client.get(reverse("syndication:agenda_ics")))

    uids = [str(component["UID"]) for component in vevents(calendar)]
    assert uids == [f"kegiatan-{recent.pk}@127.0.0.1", f"kegiatan-{upcoming.pk}@127.0.0.1"]
    assert f"kegiatan-{long_past.pk}@127.0.0.1" not in uids
    assert not {f"kegiatan-{event.pk}@127.0.0.1" for event in hidden} & set(uids)
    assert calendar["X-WR-CALNAME"] == "Agenda Ditjen Pendidikan Vokasi"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Jakarta"


def test_unit_calendar_has_events_it_owns_or_organises(client):
    unit = f.unit()
    owned = f.event(owner=unit)
    organised = f.event()
    organised.organisers.add(unit)
    f.event()

    response = client.get(reverse("syndication:unit_ics", kwargs={"slug": unit.slug}))

    uids = {str(component["UID"]) for component in vevents(read(response))}
    assert uids == {f"kegiatan-{owned.pk}@127.0.0.1", f"kegiatan-{organised.pk}@127.0.0.1"}
    assert client.get(reverse("syndication:unit_ics", args=["tidak-ada"])).status_code == 404


def test_subscribed_agenda_picks_up_a_newly_published_event(client):
    f.event(title="Rapat koordinasi")
    first = client.get(reverse("syndication:agenda_ics"))
    assert (
        client.get(reverse("syndication:agenda_ics"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )

    workshop = f.event(status=Status.DRAFT, title="Lokakarya kurikulum")
    assert (
        client.get(reverse("syndication:agenda_ics"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    Event.objects.filter(pk=workshop.pk).update(
        status=Status.PUBLISHED, publish_at=timezone.now(), updated_at=timezone.now()
    )

    second = client.get(
        reverse("syndication:agenda_ics"),
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    titles = [str(component["SUMMARY"]) for component in vevents(read(second))]
    assert "Lokakarya kurikulum" in titles and "Rapat koordinasi" in titles


def test_calendar_conditional_get_by_date(client):
    f.event()
    first = client.get(reverse("syndication:agenda_ics"))

    again = client.get(
        reverse("syndication:agenda_ics"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert again.status_code == 304
    assert again.content == b""
    assert "public" in again["Cache-Control"]


def test_agenda_query_count_does_not_grow_with_events(client):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            read(client.get(reverse("syndication:agenda_ics")))
        return len(queries)

    def make(n):
        for _ in range(n):
            event = online_class(abbreviation=None)
            event.participating_units.add(f.unit())

    make(1)
    small = count()
    make(6)
    assert count() == small == 5  # validators, events, organisers, partners, speakers


def test_event_page_links_download_google_and_outlook(rf):
    event = online_class()

    html = render_to_string(
        "syndication/event_calendar_links.html", {"event": event}, request=rf.get("/")
    )
    links = dict(
        (label, href.replace("&amp;", "&"))
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    )

    assert links["Unduh berkas .ics"] == f"/agenda/{event.slug}.ics"

    google = urlsplit(links["Google Calendar"])
    assert google.netloc == "calendar.google.com"
    query = parse_qs(google.query)
    utc = "%Y%m%dT%H%M%SZ"
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Kelas Daring Pengelolaan Media Sosial"]
    assert query["dates"] == [
        f"{event.starts_at.astimezone(ZoneInfo('UTC')):{utc}}/"
        f"{event.ends_at.astimezone(ZoneInfo('UTC')):{utc}}"
    ]
    assert query["ctz"] == ["Asia/Jakarta"]
    assert query["location"] == ["https://zoom.example.org/j/123"]
    assert f"http://testserver/agenda/{event.slug}/" in query["details"][0]

    for label, host in (
        ("Outlook.com", "outlook.live.com"),
        ("Microsoft 365", "outlook.office.com"),
    ):
        outlook = urlsplit(links[label])
        assert outlook.netloc == host
        # Outlook shows a "+" in the query as a plus sign, not a space: spaces go as %20.
        assert "+" not in outlook.query and "%20" in outlook.query
        query = parse_qs(outlook.query)
        assert query["subject"] == ["Kelas Daring Pengelolaan Media Sosial"]
        # The deep link's documented time format: UTC with a Z.
        assert query["startdt"] == [
            f"{event.starts_at.astimezone(ZoneInfo('UTC')):%Y-%m-%dT%H:%M:%SZ}"
        ]
        assert query["enddt"] == [f"{event.ends_at.astimezone(ZoneInfo('UTC')):%Y-%m-%dT%H:%M:%SZ}"]


def test_withdrawn_event_leaves_a_calendar_polled_by_date_only(client):
    """A calendar app asking only If-Modified-Since must still see the event go."""
    kept = f.event(title="Rapat koordinasi")
    Event.objects.filter(pk=kept.pk).update(updated_at=timezone.now() - timedelta(days=2))
    dropped = f.event(title="Lokakarya kurikulum", first_published_at=timezone.now())
    first = client.get(reverse("syndication:agenda_ics"))
    assert len(vevents(read(first))) == 2

    Event.objects.filter(pk=dropped.pk).update(
        status=Status.WITHDRAWN, updated_at=timezone.now() + timedelta(seconds=1)
    )
    second = client.get(
        reverse("syndication:agenda_ics"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert [str(component["SUMMARY"]) for component in vevents(read(second))] == [
        "Rapat koordinasi"
    ]
