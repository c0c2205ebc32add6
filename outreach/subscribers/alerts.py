"""Alerts: one mail per item to each matching immediate subscriber, and notices after.

The workflow's `published` event (published now, a scheduled time reached, an embargo
lifted) enqueues a fan-out task; the task walks the matching subscribers in batches of
`batch_size()` by primary key and enqueues the next batch first, so no task's work grows
with the audience and the second worker builds the next batch while this one's mail goes
out. A batch's `SentItem` rows (unique per subscriber and item) and outbox rows (unique
key) are written together in one transaction: a retried or rescued task, or a second
worker, meets the constraints and sends nothing twice (see `write`).

A major correction (`corrected` with data {"major": True}) and a withdrawal send a
notice to those already told about the item (their `SentItem` rows). Minor edits send
nothing.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver
from django_tasks import task

from articles.models import Correction, DomainEvent, TransitionLog
from articles.workflow import events

from ..mail import outbox
from ..mail.delivery import BULK_PRIORITY
from ..models import Frequency, OutboxMessage, SentItem, Subscriber, Subscription
from . import items, mails, scopes

# Below bulk delivery: a chunk's mails go out before the next chunks are built, so the
# first readers have their alert within seconds while the rest are still being written.
FAN_OUT_PRIORITY = BULK_PRIORITY - 10


def batch_size():
    """Readers per fan-out task (NEWSROOM_SUBSCRIBER_BATCH, 500): bounded work per task."""
    return settings.NEWSROOM_SUBSCRIBER_BATCH


@receiver(events.domain_event)
def on_domain_event(sender, event, item, **kwargs):
    kind = scopes.item_type(item)
    if sender == events.PUBLISHED:
        transaction.on_commit(lambda: fan_out.enqueue(kind, item.pk, 0))
    elif sender == events.WITHDRAWN or (sender == events.CORRECTED and event.data.get("major")):
        transaction.on_commit(lambda: notify.enqueue(event.pk, 0))


def following(pairs):
    """Confirmed subscribers following any of the (kind, key) pairs."""
    match = Q(pk__in=[])
    for kind, key in pairs:
        match |= Q(kind=kind, key=key)
    follows = Subscription.objects.filter(match, subscriber=OuterRef("pk"))
    return Subscriber.objects.filter(Exists(follows), confirmed_at__isnull=False)


def record(subscriber, kind, item_ids, key):
    """SentItem rows for `item_ids`; False when any was there already (sent before)."""
    try:
        with transaction.atomic():
            SentItem.objects.bulk_create(
                SentItem(subscriber=subscriber, item_type=kind, item_id=pk, message_key=key)
                for pk in item_ids
            )
    except IntegrityError:
        return False
    return True


def next_chunk(task, batch, done_before, *args):
    """Queue the chunk after `batch` before working on this one, so the other worker takes
    it while this one writes (the first mails flow while the rest are still queued).
    Not when part of this chunk was done before: the run that did it queued the next one."""
    if len(batch) == batch_size() and not done_before:
        task.enqueue(*args, batch[-1].pk)


def write(entries, fallback):
    """Write [(subscriber, [(kind, item_id)], outbox row)] at once; per reader if that clashes.

    The SentItem rows and the outbox rows go in one transaction; when another run wrote
    some of them meanwhile (the constraint refuses), everything is redone one reader at a
    time by `fallback(subscriber, pairs, row)`, which skips what is there.
    """
    try:
        with transaction.atomic():
            SentItem.objects.bulk_create(
                SentItem(subscriber=s, item_type=k, item_id=pk, message_key=row.key)
                for s, pairs, row in entries
                for k, pk in pairs
            )
            outbox.queue_rendered([row for _s, _pairs, row in entries])
        return len(entries)
    except IntegrityError:
        return sum(bool(fallback(*entry)) for entry in entries)


def one_by_one(subscriber, pairs, row):
    """One reader's SentItem rows and mail, unless any was recorded before."""
    with transaction.atomic():
        for kind in {k for k, _pk in pairs}:
            if not record(subscriber, kind, [pk for k, pk in pairs if k == kind], row.key):
                transaction.set_rollback(True)
                return False
        try:
            with transaction.atomic():
                outbox.queue_rendered([row])
        except IntegrityError:  # the mail was queued by another run: keep its row
            pass
    return True


@task(priority=FAN_OUT_PRIORITY)
def fan_out(kind, item_id, after):
    """Alert the next batch of immediate subscribers (by pk above `after`) following the item.

    The mail is rendered once per language; each reader's copy only gets their links.
    """
    item = items.load(kind, item_id)
    if item is None:  # withdrawn or rescheduled meanwhile
        return 0
    audience = (
        following(scopes.of_item(item))
        .filter(frequency=Frequency.IMMEDIATE, pk__gt=after)
        .only("pk", "email", "language")
        .order_by("pk")[: batch_size()]
    )
    batch = list(audience)
    told = set(
        SentItem.objects.filter(
            item_type=kind, item_id=item_id, subscriber__in=[s.pk for s in batch]
        ).values_list("subscriber_id", flat=True)
    )
    next_chunk(fan_out, batch, told, kind, item_id)

    def stencil(_what, language):
        card = items.card(item, language)
        return "subscriber_alert", {f"item_{name}": value for name, value in card.items()}

    stencils = mails.Stencils(stencil)
    entries = []
    for subscriber in batch:
        if subscriber.pk in told:
            continue
        key = f"sub-alert:{kind}:{item_id}:{subscriber.pk}"
        row = mails.bulk_message(
            subscriber, stencils.get(None, subscriber.language), kind="subscriber_alert", key=key
        )
        entries.append((subscriber, [(kind, item_id)], row))
    return write(entries, one_by_one)


@task(priority=FAN_OUT_PRIORITY)
def notify(event_id, after):
    """A correction or withdrawal notice to the next batch of those told about the item."""
    event = DomainEvent.objects.filter(pk=event_id).select_related("content_type").first()
    if event is None:
        return 0
    kind = "event" if event.content_type.model == "event" else "article"
    item = items.load(kind, event.object_id, public=False)
    if item is None:
        return 0
    context = {"notice": event.kind, "item_title": item.title, "reason": "", "correction": ""}
    if event.kind == events.WITHDRAWN:
        entry = TransitionLog.objects.filter(pk=event.data.get("log")).first()
        context["reason"] = entry.comment if entry else ""
    else:
        correction = Correction.objects.filter(pk=event.data.get("correction")).first()
        context["correction"] = correction.text if correction else ""
    told = SentItem.objects.filter(item_type=kind, item_id=item.pk).values("subscriber")
    batch = list(
        Subscriber.objects.filter(pk__in=told, confirmed_at__isnull=False, pk__gt=after)
        .only("pk", "email", "language")
        .order_by("pk")[: batch_size()]
    )
    keys = {s.pk: f"sub-{event.kind}:{event.pk}:{s.pk}" for s in batch}
    done = set(OutboxMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    next_chunk(notify, batch, done, event_id)
    stencils = mails.Stencils(
        lambda _what, language: (
            "subscriber_notice",
            {**context, "item_url": items.card(item, language)["url"]},
        )
    )
    rows = [
        mails.bulk_message(
            s, stencils.get(None, s.language), kind="subscriber_notice", key=keys[s.pk]
        )
        for s in batch
        if keys[s.pk] not in done
    ]
    try:
        with transaction.atomic():
            outbox.queue_rendered(rows)
    except IntegrityError:  # another run queued some of them meanwhile
        for row in rows:
            try:
                with transaction.atomic():
                    outbox.queue_rendered([row])
            except IntegrityError:
                continue
    return len(rows)
