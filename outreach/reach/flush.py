"""The clock's minute job: the beacon's counters become daily rows, then leave the cache.

Each past minute's bucket is claimed whole (renamed: a view arriving late starts a new
one). In one transaction the claim's name is recorded (`FlushedBucket`, unique) and its
sums are added to `DailyReach` rows and to the minute rows of "the last 30 minutes"; only
after commit is the claim deleted. A flush that dies in between finds the name on its next
run and only deletes, so no bucket counts twice. Items that name nothing public (forged
ids, a withdrawn story) are dropped here, in one query per kind.
"""

import logging
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from articles.models import Article, Event
from units.models import WorkUnit

from ..models import DailyReach, FlushedBucket, MinuteReach
from . import items, store

log = logging.getLogger("outreach.reach")
RECENT_KEEP = timedelta(hours=2)
FLUSHED_KEEP = timedelta(days=4)


@task()
def flush_reach():
    return flush()


def flush(now=None):
    """Move every finished minute's counters into rows; returns how many views moved."""
    now = now or timezone.now()
    current = int(now.timestamp() // 60)
    counters = store.current()
    moved = 0
    for bucket in counters.buckets():
        if int(bucket) < current:
            counters.claim(bucket)
    for claim in counters.claims():
        if not FlushedBucket.objects.filter(name=claim).exists():
            moved += _move(claim, counters.read(claim))
        counters.drop(claim)
    MinuteReach.objects.filter(minute__lt=now - RECENT_KEEP).delete()
    FlushedBucket.objects.filter(flushed_at__lt=now - FLUSHED_KEEP).delete()
    return moved


def _sums(counts):
    """{(day, item, language, channel): [views, visitors]} of a bucket's fields."""
    sums = defaultdict(lambda: [0, 0])
    for field, value in counts.items():
        day, item, language, channel, which = field.split("|")
        sums[(day, item, language, channel)][0 if which == "v" else 1] += value
    return sums


def units_of(keys):
    """{item key: unit id or None} of the keys that name something public now."""
    ids = defaultdict(set)
    for key in keys:
        kind, object_id, _name = items.parse(key)
        ids[kind].add(object_id)
    found = {}
    for kind, model in ((items.ARTICLE, Article), (items.EVENT, Event)):
        if ids[kind]:
            rows = model.objects.published().filter(pk__in=ids[kind]).values_list("pk", "unit")
            found.update({f"{kind[0]}{pk}": unit for pk, unit in rows})
    if ids[items.UNIT]:
        units = WorkUnit.objects.active().filter(pk__in=ids[items.UNIT]).values_list("pk")
        found.update({f"u{pk}": pk for (pk,) in units})
    found.update({key: None for key in keys if key.startswith("l:")})
    return found


def _move(bucket, counts):
    sums = _sums(counts)
    units = units_of({item for _day, item, _lang, _channel in sums})
    minute = datetime.fromtimestamp(int(bucket.split(".")[0]) * 60, tz=UTC)
    recent = defaultdict(int)
    moved = 0
    try:
        with transaction.atomic():
            FlushedBucket.objects.create(name=bucket)
            for (day, item, language, channel), (views, visitors) in sums.items():
                if item not in units:
                    continue
                _add(date.fromisoformat(day), item, language, channel, units[item], views, visitors)
                recent[(units[item], channel)] += views
                moved += views
            MinuteReach.objects.bulk_create(
                MinuteReach(minute=minute, unit_id=unit, channel=channel, views=views)
                for (unit, channel), views in recent.items()
            )
    except IntegrityError:  # another flush took this bucket meanwhile
        log.info("reach: bucket %s already flushed", bucket)
        return 0
    return moved


def _add(day, item, language, channel, unit, views, visitors):
    kind, object_id, list_name = items.parse(item)
    key = dict(day=day, kind=kind, object_id=object_id, list_name=list_name)
    key.update(language=language, channel=channel)
    added = dict(views=F("views") + views, visitors=F("visitors") + visitors)
    if DailyReach.objects.filter(**key).update(**added):
        return
    try:
        with transaction.atomic():
            DailyReach.objects.create(**key, unit_id=unit, views=views, visitors=visitors)
    except IntegrityError:  # created by a concurrent flush between the two statements
        DailyReach.objects.filter(**key).update(**added)
