"""What staff see of the audience: counts, never addresses. Every read is bounded."""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from ..models import (
    DeliveryReport,
    OutboxMessage,
    OutboxStatus,
    ReportKind,
    SentItem,
    Subscriber,
    Subscription,
)
from . import items, scopes

WEEKS = 12
TOP_SCOPES = 100
RECENT_SENDS = 20


def by_scope():
    """[(label, kind, count)] of confirmed subscribers per followed scope, largest first."""
    rows = list(
        Subscription.objects.filter(subscriber__confirmed_at__isnull=False)
        .values_list("kind", "key")
        .annotate(n=Count("pk"))
        .order_by("-n", "kind", "key")[:TOP_SCOPES]
    )
    labels = scopes.labels([(kind, key) for kind, key, _n in rows])
    return [(labels.get((kind, key), f"{kind}:{key}"), kind, n) for kind, key, n in rows]


def weekly_growth(now=None):
    """[(week start, new confirmed, total at week end)] for the last WEEKS weeks."""
    now = now or timezone.now()
    since = now - timedelta(weeks=WEEKS)
    confirmed = Subscriber.objects.filter(confirmed_at__isnull=False)
    before = confirmed.filter(confirmed_at__lt=since).count()
    weekly = dict(
        confirmed.filter(confirmed_at__gte=since)
        .annotate(week=TruncWeek("confirmed_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows, total = [], before
    start = (now - timedelta(weeks=WEEKS - 1)).date()
    start -= timedelta(days=start.weekday())
    by_date = {week.date(): n for week, n in weekly.items()}
    for offset in range(WEEKS):
        week = start + timedelta(weeks=offset)
        total += by_date.get(week, 0)
        rows.append((week, by_date.get(week, 0), total))
    return rows


def chart(rows, width=480, height=120):
    """Bars of the weekly totals as (x, y, w, h, label) for an inline SVG, no script."""
    top = max((total for _w, _n, total in rows), default=0) or 1
    bar = width // max(len(rows), 1)
    return [
        (i * bar + 2, height - round(total * height / top), bar - 4,
         round(total * height / top), f"{week:%d/%m}: {total}")
        for i, (week, _n, total) in enumerate(rows)
    ]  # fmt: skip


def sends():
    """The latest alerted items: queued, sent, bounced, complained, unsubscribed since."""
    recent = (
        SentItem.objects.filter(message_key__startswith="sub-alert:")
        .values_list("item_type", "item_id")
        .annotate(n=Count("pk"))
        .order_by("-item_id")[:RECENT_SENDS]
    )
    result = []
    for kind, item_id, told in recent:
        prefix = f"sub-alert:{kind}:{item_id}:"
        status = dict(
            OutboxMessage.objects.filter(key__startswith=prefix)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        item = items.load(kind, item_id, public=False)
        result.append(
            {
                "title": item.title if item else f"{kind} {item_id}",
                "told": told,
                "queued": sum(
                    status.get(s, 0)
                    for s in (OutboxStatus.QUEUED, OutboxStatus.SENDING, OutboxStatus.DEFERRED)
                ),
                "sent": status.get(OutboxStatus.SENT, 0),
                "bounced": status.get(OutboxStatus.BOUNCED, 0),
                "complained": DeliveryReport.objects.filter(
                    kind=ReportKind.COMPLAINT, message__key__startswith=prefix
                ).count(),
                "unsubscribed": SentItem.objects.filter(
                    item_type=kind, item_id=item_id, message_key__startswith="sub-alert:"
                )
                .exclude(subscriber__subscriptions__isnull=False)
                .count(),
            }
        )
    return result
