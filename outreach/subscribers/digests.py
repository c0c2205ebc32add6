"""Daily (07.00 WIB) and weekly (Monday 07.00 WIB) digests: every new item once.

The clock job names the period (its WIB date); `build` walks the period's subscribers in
batches of BATCH by primary key and re-enqueues itself, so a digest for 50,000 is many
small tasks. The period's items are read once per batch (a digest window holds dozens,
not thousands); each subscriber gets the ones matching their scopes, published since they
confirmed and never sent to them before (`SentItem`, unique per subscriber and item, so
an item already in an alert or an earlier digest is left out). The outbox key is per
subscriber and period: a second clock or a retried task sends no second digest.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.models import Article, Event
from newsroom.dates import wib

from ..models import Frequency, SentItem, Subscriber
from . import items, mails, scopes
from .alerts import record

BATCH = 500
# How far back a digest looks: its period and a day more, so a missed clock slot loses
# nothing (what was sent already is left out anyway).
LOOKBACK = {Frequency.DAILY: timedelta(days=2), Frequency.WEEKLY: timedelta(days=8)}
MAX_ITEMS = 50


def window_items(frequency, end):
    """[(kind, item, pairs)] published in the lookback window before `end`."""
    start = end - LOOKBACK[frequency]
    found = []
    for kind, model in (("article", Article), ("event", Event)):
        rows = (
            model.objects.published()
            .filter(publish_at__gte=start, publish_at__lt=end)
            .select_related("unit")
            .order_by("-publish_at", "-pk")[:MAX_ITEMS]
        )
        found += [(kind, item, scopes.of_item(item)) for item in rows]
    return found


@task()
def build(frequency, period, end_iso, after):
    """The digests of the next BATCH subscribers of `frequency` (pk above `after`)."""
    end = datetime.fromisoformat(end_iso)
    candidates = window_items(frequency, end)
    batch = list(
        Subscriber.objects.filter(frequency=frequency, confirmed_at__isnull=False, pk__gt=after)
        .prefetch_related("subscriptions")
        .order_by("pk")[:BATCH]
    )
    sent_before = set(
        SentItem.objects.filter(subscriber__in=batch).values_list(
            "subscriber_id", "item_type", "item_id"
        )
    )
    count = 0
    for subscriber in batch:
        follows = {(row.kind, row.key) for row in subscriber.subscriptions.all()}
        chosen = [
            (kind, item)
            for kind, item, pairs in candidates
            if pairs & follows
            and item.publish_at >= subscriber.confirmed_at
            and (subscriber.pk, kind, item.pk) not in sent_before
        ]
        if chosen and _send(subscriber, frequency, period, chosen):
            count += 1
    if len(batch) == BATCH:
        build.enqueue(frequency, period, end_iso, batch[-1].pk)
    return count


def _send(subscriber, frequency, period, chosen):
    key = f"sub-digest:{frequency}:{period}:{subscriber.pk}"
    with transaction.atomic():
        for kind in ("article", "event"):
            ids = [item.pk for k, item in chosen if k == kind]
            if ids and not record(subscriber, kind, ids, key):
                transaction.set_rollback(True)
                return False
        cards = [items.card(item, subscriber.language) for _kind, item in chosen]
        mails.send_bulk(
            subscriber,
            kind="subscriber_digest",
            key=key,
            template="subscriber_digest",
            context={"items": cards, "period": frequency},
        )
    return True


def start(frequency):
    """Begin this period's digests; the period is named by its WIB date."""
    end = timezone.now()
    build.enqueue(frequency, wib(end).date().isoformat(), end.isoformat(), 0)
