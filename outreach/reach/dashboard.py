"""What a unit's reach dashboard shows, read from the daily and minute rows.

Every read is bounded: eight weeks of daily sums grouped by day and channel (at most
56 x the channels), the top items of four weeks (the 500 largest sums), thirty minutes
of minute rows. A week's visitors are the sum of its days' visitors, a unit's the sum of
its items' (no reader is followed across days or pages; docs/reach.md).
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article, Event
from units.models import WorkUnit

from ..models import DailyReach, MinuteReach
from . import channels, items

WEEKS = 8
TOP_DAYS = 28
TOP_PER_CHANNEL = 5


def _scoped(queryset, unit):
    return queryset if unit is None else queryset.filter(unit=unit)


def week_start(day):
    return day - timedelta(days=day.weekday())


def weekly(unit, today=None):
    """[(monday, {channel: (views, visitors)}, views, visitors)] of the last WEEKS weeks."""
    today = today or timezone.localdate()
    first = week_start(today) - timedelta(weeks=WEEKS - 1)
    rows = (
        _scoped(DailyReach.objects.filter(day__gte=first), unit)
        .values_list("day", "channel")
        .annotate(views=Sum("views"), visitors=Sum("visitors"))
        .order_by()
    )
    weeks = {first + timedelta(weeks=n): defaultdict(lambda: [0, 0]) for n in range(WEEKS)}
    for day, channel, views, visitors in rows:
        sums = weeks[week_start(day)][channel]
        sums[0] += views
        sums[1] += visitors
    return [
        (
            monday,
            {channel: tuple(sums) for channel, sums in by_channel.items()},
            sum(v for v, _u in by_channel.values()),
            sum(u for _v, u in by_channel.values()),
        )
        for monday, by_channel in weeks.items()
    ]


def channel_table(weeks):
    """Rows per channel, in the fixed channel order: (label, [(views, visitors) per week])."""
    seen = {channel for _m, by_channel, _v, _u in weeks for channel in by_channel}
    return [
        (
            channels.LABELS[channel],
            [by_channel.get(channel, (0, 0)) for _m, by_channel, _v, _u in weeks],
        )
        for channel in channels.LABELS
        if channel in seen
    ]


def top_items(unit, today=None):
    """{channel label: [(title, views, visitors)]}: the most viewed items of four weeks."""
    today = today or timezone.localdate()
    rows = (
        _scoped(DailyReach.objects.filter(day__gt=today - timedelta(days=TOP_DAYS)), unit)
        .values_list("channel", "kind", "object_id", "list_name")
        .annotate(views=Sum("views"), visitors=Sum("visitors"))
        .order_by("-views")[:500]
    )
    best = defaultdict(list)
    for channel, kind, object_id, list_name, views, visitors in rows:
        if len(best[channel]) < TOP_PER_CHANNEL:
            best[channel].append((kind, object_id, list_name, views, visitors))
    names = titles({(kind, object_id) for found in best.values() for kind, object_id, *_ in found})
    return [
        (
            channels.LABELS[channel],
            [
                (names.get((kind, object_id), list_name or "?"), views, visitors)
                for kind, object_id, list_name, views, visitors in best[channel]
            ],
        )
        for channel in channels.LABELS
        if channel in best
    ]


def titles(keys):
    """{(kind, id): title} of the articles, events and units named, in one query each."""
    found = {}
    for kind, model, field in (
        (items.ARTICLE, Article, "title"),
        (items.EVENT, Event, "title"),
        (items.UNIT, WorkUnit, "name"),
    ):
        ids = [object_id for k, object_id in keys if k == kind]
        if ids:
            for pk, title in model.objects.filter(pk__in=ids).values_list("pk", field):
                found[(kind, pk)] = title
    return found


def recent(unit, now=None):
    """(views per channel label, views per minute) of the last 30 minutes."""
    now = now or timezone.now()
    since = now - timedelta(minutes=30)
    rows = _scoped(MinuteReach.objects.filter(minute__gte=since), unit)
    per_channel = dict(
        rows.values_list("channel")
        .annotate(views=Sum("views"))
        .order_by()
        .values_list("channel", "views")
    )
    per_minute = dict(
        rows.values_list("minute")
        .annotate(views=Sum("views"))
        .order_by()
        .values_list("minute", "views")
    )
    minutes = [since.replace(second=0, microsecond=0) + timedelta(minutes=n) for n in range(31)]
    return (
        [(channels.LABELS[c], per_channel[c]) for c in channels.LABELS if c in per_channel],
        [(timezone.localtime(m), per_minute.get(m, 0)) for m in minutes],
    )


def item_totals(kind, object_id, today=None):
    """One item's (label, views, visitors, views of 7 days, visitors of 7 days) per channel,
    and its views per day of the last 30 days: two grouped queries on the item's index."""
    today = today or timezone.localdate()
    week = Q(day__gt=today - timedelta(days=7))
    rows = DailyReach.objects.filter(kind=kind, object_id=object_id)
    totals = {
        channel: sums
        for channel, *sums in rows.values_list("channel")
        .annotate(
            all_views=Sum("views"),
            all_visitors=Sum("visitors"),
            week_views=Coalesce(Sum("views", filter=week), 0),
            week_visitors=Coalesce(Sum("visitors", filter=week), 0),
        )
        .order_by()
        .values_list("channel", "all_views", "all_visitors", "week_views", "week_visitors")
    }
    first = today - timedelta(days=29)
    per_day = dict(
        rows.filter(day__gte=first)
        .values_list("day")
        .annotate(n=Sum("views"))
        .order_by()
        .values_list("day", "n")
    )
    days = [per_day.get(first + timedelta(days=n), 0) for n in range(30)]
    table = [(channels.LABELS[c], *totals[c]) for c in channels.LABELS if c in totals]
    return table, days
