"""The editorial calendar: what is scheduled, published, held and asked for, by day.

A month or a week (Monday first, on the WIB clock) of articles and events as staff may
see them, for one unit or all. Each kind of entry is one bounded query, so a crowded
month costs what an empty one does. Moving an item onto the calendar is not decided
here: the view calls `workflow.apply("schedule", ...)` like the button does.
"""

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom.dates import WIB, wib
from units import roles
from units.models import WorkUnit

from ..models import Article, Event, Status

LIMIT = 400  # entries of one kind in one view: a month never holds more in practice
MONTH, WEEK = "month", "week"


@dataclass
class Day:
    day: date
    in_period: bool
    entries: list = field(default_factory=list)


@dataclass
class Entry:
    kind: str  # "article", "event", "coverage"
    item: object
    at: datetime
    label: str


def period(view, anchor):
    """(first day shown, last day shown, first day of the period, last day of the period)."""
    if view == WEEK:
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6), start, start + timedelta(days=6)
    first = anchor.replace(day=1)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    return (
        first - timedelta(days=first.weekday()),
        last + timedelta(days=6 - last.weekday()),
        first,
        last,
    )


def neighbours(view, anchor):
    """The anchors of the previous and the next period."""
    if view == WEEK:
        return anchor - timedelta(days=7), anchor + timedelta(days=7)
    first = anchor.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return previous, following


def units_for(user):
    """The units a user may pick: all for those who act everywhere, else their own."""
    units = WorkUnit.objects.order_by("name")
    if roles.acts_everywhere(user):
        return units
    return units.filter(pk__in=roles.unit_ids(user))


def _bounds(first, last):
    return (
        datetime.combine(first, time.min, tzinfo=WIB),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=WIB),
    )


def _scoped(user, queryset, unit):
    queryset = roles.scope_queryset(user, queryset.filter(copy_of__isnull=True))
    return queryset.filter(unit=unit) if unit is not None else queryset


def entries(user, first, last, unit=None):
    """Calendar entries between the two days (inclusive), each on its WIB day."""
    start, end = _bounds(first, last)
    found = []
    articles = _scoped(user, Article.objects.select_related("unit"), unit)
    for article in articles.filter(
        status=Status.PUBLISHED, publish_at__gte=start, publish_at__lt=end
    ).order_by("publish_at")[:LIMIT]:
        label = _("Terjadwal") if article.is_scheduled else _("Terbit")
        found.append(Entry("article", article, article.publish_at, label))
    for article in (
        articles.filter(
            ~Q(status__in=(Status.PUBLISHED, Status.WITHDRAWN)),
            due_at__gte=start,
            due_at__lt=end,
        )
        .select_related("assigned_to")
        .order_by("due_at")[:LIMIT]
    ):
        found.append(Entry("coverage", article, article.due_at, _("Tenggat liputan")))
    events = _scoped(user, Event.objects.select_related("unit"), unit)
    for event in (
        events.exclude(status=Status.WITHDRAWN)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")[:LIMIT]
    ):
        found.append(Entry("event", event, event.starts_at, _("Kegiatan")))
    found.sort(key=lambda entry: entry.at)
    return found


def days(user, view, anchor, unit=None):
    shown_from, shown_to, first, last = period(view, anchor)
    by_day = {}
    for entry in entries(user, shown_from, shown_to, unit):
        by_day.setdefault(wib(entry.at).date(), []).append(entry)
    result = []
    day = shown_from
    while day <= shown_to:
        result.append(Day(day, first <= day <= last, by_day.get(day, [])))
        day += timedelta(days=1)
    return result


def waiting_for_a_time(user, unit=None):
    """Approved items with no publication time yet: what a publisher puts on the calendar."""
    if not roles.is_publisher(user):
        return []
    found = []
    for model in (Article, Event):
        queryset = _scoped(user, model.objects.select_related("unit"), unit)
        found += list(queryset.filter(status=Status.APPROVED).order_by("updated_at")[:LIMIT])
    return found
