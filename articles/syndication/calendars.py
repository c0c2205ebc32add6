"""iCalendar files of published events, and "add to calendar" links for event pages.

One .ics per event for a single click, and subscribable calendars (the agenda, and each
work unit's events) that calendar apps refresh on their own. Every event keeps one UID
for life, so a change made here updates the copy in people's calendars instead of
adding a second one.
"""

import functools
from datetime import UTC, date, timedelta
from urllib.parse import quote, urlencode, urljoin

import icalendar
from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newsroom.http import base_url, conditional_response, make_etag, site_host
from units.models import WorkUnit

from ..models import AttendanceMode, Event, EventSpeaker, Partner
from .scopes import joined

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Subscribers keep seeing an event for a month after it ends: a calendar app deletes
# whatever drops out of a subscribed calendar.
AGENDA_PAST_DAYS = 30
AGENDA_SIZE = 500
REFRESH = timedelta(hours=1)


def uid_for(event):
    """Stable across title, slug, time and host changes: the row's key at our site."""
    return f"kegiatan-{event.pk}@{site_host()}"


def calendar_events():
    """Published events with everything a VEVENT shows, in a fixed number of queries."""
    return (
        Event.objects.published()
        .select_related("unit")
        .prefetch_related(
            "organisers",
            "partners",
            Prefetch("event_speakers", EventSpeaker.objects.select_related("speaker")),
        )
        .order_by("starts_at", "pk")
    )


def location_of(event):
    place = ", ".join(part for part in (event.venue, event.address) if part)
    online = event.join_url or event.platform
    if event.mode == AttendanceMode.ONLINE:
        return online
    if event.mode == AttendanceMode.MIXED:
        return " · ".join(part for part in (place, online) if part)
    return place


def organisers_of(event):
    return list(event.organisers.all()) or [event.unit]


def description_of(event, page_url):
    """Plain text for the calendar entry: what, who speaks in which role, who organises, where."""
    lines = [event.description.strip()] if event.description.strip() else []
    roles = list(event.event_speakers.all())
    if roles:
        lines += ["", _("Narasumber:")]
        for role in roles:
            line = f"- {role.speaker.full_name} ({role.get_role_display()})"
            if role.speaker.position:
                line += f", {role.speaker.position}"
            lines.append(line)
    hosts = [unit.name for unit in organisers_of(event)] + [p.name for p in event.partners.all()]
    lines += ["", _("Penyelenggara: %(names)s") % {"names": ", ".join(hosts)}]
    if event.join_url:
        lines.append(_("Tautan bergabung: %(url)s") % {"url": event.join_url})
    elif event.platform:
        lines.append(_("Platform: %(name)s") % {"name": event.platform})
    lines.append(_("Informasi: %(url)s") % {"url": page_url})
    return "\n".join(lines).strip()


def vevent(event, base):
    page_url = urljoin(base, event.get_absolute_url())
    component = icalendar.Event()
    component.add("uid", uid_for(event))
    component.add("dtstamp", event.modified_at.astimezone(UTC))
    component.add("created", event.created_at.astimezone(UTC))
    component.add("last-modified", event.modified_at.astimezone(UTC))
    component.add("sequence", max(event.version - 1, 0))
    component.add("summary", event.title)
    component.add("dtstart", timezone.localtime(event.starts_at))
    component.add("dtend", timezone.localtime(event.ends_at))
    component.add("status", "CONFIRMED")
    component.add("url", page_url)
    component.add("categories", [str(event.get_kind_display())])
    location = location_of(event)
    if location:
        component.add("location", location)
    if event.join_url:
        component.add(
            "conference",
            event.join_url,
            parameters={"value": "URI", "feature": "VIDEO", "label": event.platform or _("Tautan")},
        )
    organiser = organisers_of(event)[0]
    component.add(
        "organizer",
        icalendar.vCalAddress(urljoin(base, organiser.get_absolute_url())),
        parameters={"cn": organiser.name},
    )
    component.add("description", description_of(event, page_url))
    return component


@functools.cache
def local_timezone(name):
    """The VTIMEZONE, built once per process: working out its transitions is far more
    work than writing a calendar, and the result never changes while the process runs.

    Shared between calendars and never modified after it is built.
    """
    return icalendar.Timezone.from_tzid(name, first_date=date(2000, 1, 1))


def calendar_document(events, base, name, description="", subscribable=True):
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.NEWSROOM_PUBLISHER_NAME}//Newsroom//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if description:
        calendar.add("x-wr-caldesc", description)
    if subscribable:
        calendar.add(
            "refresh-interval", icalendar.vDuration(REFRESH), parameters={"value": "DURATION"}
        )
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    # The zone comes first so readers know it before the first event that uses it.
    calendar.add_component(local_timezone(settings.TIME_ZONE))
    for event in events:
        calendar.add_component(vevent(event, base))
    return calendar.to_ical()


SHOWN_NAMES = ("unit__name", "unit__slug", "organiser_names", "partner_names", "speaker_names")


def _shown_names():
    """What a VEVENT shows of other rows, which change without touching the event."""
    speaker = ("honorific_prefix", "name", "honorific_suffix", "position")
    return {
        "organiser_names": joined(
            WorkUnit.objects.filter(organised_events=OuterRef("pk")), Concat("name", "slug")
        ),
        "partner_names": joined(Partner.objects.filter(events=OuterRef("pk")), "name"),
        "speaker_names": joined(
            EventSpeaker.objects.filter(event=OuterRef("pk")),
            Concat(*(f"speaker__{name}" for name in speaker)),
        ),
    }


def serve_calendar(
    request, events_query, name, description="", subscribable=True, filename="", left=None
):
    """`left`: events that dropped out; their change time moves Last-Modified, so an app
    polling by date alone sees a withdrawal."""
    columns = ["pk", "updated_at", "publish_at"]
    if left is not None:
        latest = left.order_by("-updated_at").values("updated_at")[:1]
        events_query = events_query.annotate(left=Subquery(latest))
        columns.append("left")
    times = len(columns)
    rows = list(events_query.annotate(**_shown_names()).values_list(*columns, *SHOWN_NAMES))
    changes = [moment for row in rows for moment in row[1:times] if moment is not None]
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else {}

    def render():
        with translation.override("id"):
            events = calendar_events().filter(pk__in=[row[0] for row in rows])
            return calendar_document(events, base_url(request), name, description, subscribable)

    return conditional_response(
        request,
        etag=make_etag(name, rows),
        last_modified=max(changes, default=None),
        render=render,
        content_type=CONTENT_TYPE,
        headers=headers,
    )


def upcoming(events):
    since = timezone.now() - timedelta(days=AGENDA_PAST_DAYS)
    return events.not_over(since)[:AGENDA_SIZE]


@require_safe
def event_ics(request, slug):
    with translation.override("id"):
        event = get_object_or_404(Event.objects.published(), slug=slug)
        return serve_calendar(
            request,
            Event.objects.published().filter(pk=event.pk),
            event.title,
            subscribable=False,
            filename=f"{event.slug}.ics",
        )


@require_safe
def agenda_ics(request):
    with translation.override("id"):
        name = _("Agenda %(site)s") % {"site": settings.NEWSROOM_SITE_NAME}
        description = _("Kegiatan mendatang %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}
        return serve_calendar(
            request,
            upcoming(Event.objects.published()),
            name,
            description,
            left=Event.objects.departed(),
        )


@require_safe
def unit_ics(request, slug):
    with translation.override("id"):
        unit = get_object_or_404(WorkUnit, slug=slug)
        of_unit = Q(unit=unit) | Q(
            pk__in=Event.organisers.through.objects.filter(workunit=unit).values("event_id")
        )
        events = Event.objects.published().filter(of_unit)
        name = _("Agenda %(unit)s") % {"unit": unit.name}
        description = _("Kegiatan %(unit)s.") % {"unit": unit.name}
        return serve_calendar(
            request,
            upcoming(events),
            name,
            description,
            left=Event.objects.departed().filter(of_unit),
        )


# --- "Add to calendar" links -----------------------------------------------------------------


def _short_details(event, page_url):
    text = event.description.strip()
    if len(text) > 500:
        text = text[:500].rsplit(" ", 1)[0] + "…"
    return "\n\n".join(part for part in (text, page_url) if part)


def _query(params):
    """Spaces as %20: Outlook shows a "+" in these links literally; Google reads either."""
    return urlencode(params, quote_via=quote)


def google_calendar_url(event, page_url):
    def utc(moment):
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{utc(event.starts_at)}/{utc(event.ends_at)}",
        "details": _short_details(event, page_url),
        "location": location_of(event),
        "ctz": settings.TIME_ZONE,
    }
    return "https://calendar.google.com/calendar/render?" + _query(query)


def outlook_calendar_url(event, page_url, host="outlook.live.com"):
    """Outlook.com by default; host="outlook.office.com" for Microsoft 365 accounts."""

    def utc(moment):  # the deep link's documented form; an offset is not
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": utc(event.starts_at),
        "enddt": utc(event.ends_at),
        "body": _short_details(event, page_url),
        "location": location_of(event),
    }
    return f"https://{host}/calendar/0/deeplink/compose?" + _query(query)
