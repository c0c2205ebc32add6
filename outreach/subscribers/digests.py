"""Daily (07.00 WIB) and weekly (Monday 07.00 WIB) digests: every new item once.

The clock job names the period (its WIB date); `build` walks the period's subscribers in
batches (`batch_size()`) by primary key, enqueueing the next batch first, so a digest for
50,000 is many small tasks and two workers build them side by side. The period's items are read
once per batch (a digest window holds dozens, not thousands); each subscriber gets the
ones matching their scopes, published since they confirmed and never sent to them before
(`SentItem`, unique per subscriber and item, so an item already in an alert or an earlier
digest is left out). The outbox key is per subscriber and period: a second clock or a
retried task sends no second digest.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task

from articles.models import Article, Event
from newsroom.dates import wib

from ..models import Frequency, OutboxMessage, SentItem, Subscriber
from . import items, mails, scopes
from .alerts import FAN_OUT_PRIORITY, batch_size, next_chunk, one_by_one, write

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


@task(priority=FAN_OUT_PRIORITY)
def build(frequency, period, end_iso, after):
    """The digests of the next `batch_size()` subscribers of `frequency` (pk above `after`).

    A digest is rendered once per language and set of items (most readers of one scope
    share theirs); each reader's copy only gets their own links.
    """
    end = datetime.fromisoformat(end_iso)
    candidates = window_items(frequency, end)
    batch = list(
        Subscriber.objects.filter(frequency=frequency, confirmed_at__isnull=False, pk__gt=after)
        .only("pk", "email", "language", "confirmed_at")
        .prefetch_related("subscriptions")
        .order_by("pk")[: batch_size()]
    )
    keys = {s.pk: f"sub-digest:{frequency}:{period}:{s.pk}" for s in batch}
    done = set(OutboxMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    next_chunk(build, batch, done, frequency, period, end_iso)
    sent_before = set(
        SentItem.objects.filter(subscriber__in=[s.pk for s in batch]).values_list(
            "subscriber_id", "item_type", "item_id"
        )
    )
    by_key = {(kind, item.pk): item for kind, item, _pairs in candidates}

    def stencil(chosen, language):
        cards = [items.card(by_key[pair], language) for pair in chosen]
        return "subscriber_digest", {"items": cards, "period": frequency}

    stencils = mails.Stencils(stencil)
    entries = []
    for subscriber in batch:
        if keys[subscriber.pk] in done:
            continue
        follows = {(row.kind, row.key) for row in subscriber.subscriptions.all()}
        chosen = tuple(
            (kind, item.pk)
            for kind, item, pairs in candidates
            if pairs & follows
            and item.publish_at >= subscriber.confirmed_at
            and (subscriber.pk, kind, item.pk) not in sent_before
        )
        if chosen:
            row = mails.bulk_message(
                subscriber, stencils.get(chosen, subscriber.language),
                kind="subscriber_digest", key=keys[subscriber.pk],
            )  # fmt: skip
            entries.append((subscriber, list(chosen), row))
    return write(entries, one_by_one)


def start(frequency):
    """Begin this period's digests; the period is named by its WIB date."""
    end = timezone.now()
    build.enqueue(frequency, wib(end).date().isoformat(), end.isoformat(), 0)
