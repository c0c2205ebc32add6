"""Alerts: one mail per item to each matching immediate subscriber, and notices after.

The workflow's `published` event (published now, a scheduled time reached, an embargo
lifted) enqueues a fan-out task; the task walks the matching subscribers in batches of
BATCH by primary key and re-enqueues itself for the next batch, so no task's work grows
with the audience. For each subscriber a `SentItem` row (unique per subscriber and item)
and the outbox row are written in one savepoint: a retried or rescued task, or a second
worker, finds the row and sends nothing twice.

A major correction (`corrected` with data {"major": True}) and a withdrawal send a
notice to those already told about the item (their `SentItem` rows). Minor edits send
nothing.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver
from django_tasks import task

from articles.models import Correction, DomainEvent, TransitionLog
from articles.workflow import events

from ..models import Frequency, SentItem, Subscriber, Subscription
from . import items, mails, scopes

BATCH = 500


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


@task()
def fan_out(kind, item_id, after):
    """Alert the next BATCH immediate subscribers (by pk above `after`) following the item."""
    item = items.load(kind, item_id)
    if item is None:  # withdrawn or rescheduled meanwhile
        return 0
    audience = (
        following(scopes.of_item(item))
        .filter(frequency=Frequency.IMMEDIATE, pk__gt=after)
        .order_by("pk")[:BATCH]
    )
    batch = list(audience)
    cards = {}
    sent = 0
    for subscriber in batch:
        key = f"sub-alert:{kind}:{item_id}:{subscriber.pk}"
        if subscriber.language not in cards:
            cards[subscriber.language] = items.card(item, subscriber.language)
        card = cards[subscriber.language]
        with transaction.atomic():
            if not record(subscriber, kind, [item_id], key):
                continue
            context = {f"item_{name}": value for name, value in card.items()}
            mails.send_bulk(
                subscriber,
                kind="subscriber_alert",
                key=key,
                template="subscriber_alert",
                context=context,
            )
            sent += 1
    if len(batch) == BATCH:
        fan_out.enqueue(kind, item_id, batch[-1].pk)
    return sent


@task()
def notify(event_id, after):
    """A correction or withdrawal notice to the next BATCH of those told about the item."""
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
        Subscriber.objects.filter(pk__in=told, confirmed_at__isnull=False, pk__gt=after).order_by(
            "pk"
        )[:BATCH]
    )
    for subscriber in batch:
        card = items.card(item, subscriber.language)
        mails.send_bulk(
            subscriber,
            kind="subscriber_notice",
            key=f"sub-{event.kind}:{event.pk}:{subscriber.pk}",
            template="subscriber_notice",
            context={**context, "item_url": card["url"]},
        )
    if len(batch) == BATCH:
        notify.enqueue(event_id, batch[-1].pk)
    return len(batch)
