"""The provider's signed tracking webhooks (django-anymail): deliveries, bounces, complaints.

anymail checks the signature (e.g. Mailgun's HMAC with ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY)
and the shared secret before its `tracking` signal fires; an unsigned or forged request
never reaches this module. Here: a hard bounce or a complaint suppresses the address for
all bulk mail at once; soft bounces (the provider's "deferred") suppress it after
NEWSROOM_SOFT_BOUNCE_LIMIT within 30 days. An unsubscribe the provider received leaves
every subscription. A delivery is only recorded (the press report shows it). Each
provider event counts once (its id is unique). The message is found by the provider's
id or, for a relay that keeps ours, by our Message-ID.
"""

from datetime import timedelta

from anymail.signals import tracking
from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone

from ..models import (
    DeliveryReport,
    OutboxMessage,
    OutboxStatus,
    ReportKind,
    Subscriber,
    Suppression,
    SuppressionReason,
)
from . import account

KINDS = {
    "delivered": ReportKind.DELIVERED,
    "bounced": ReportKind.HARD_BOUNCE,
    "rejected": ReportKind.HARD_BOUNCE,
    "complained": ReportKind.COMPLAINT,
    "deferred": ReportKind.SOFT_BOUNCE,
    "unsubscribed": ReportKind.UNSUBSCRIBED,
}
SUPPRESS = {
    ReportKind.HARD_BOUNCE: SuppressionReason.HARD_BOUNCE,
    ReportKind.COMPLAINT: SuppressionReason.COMPLAINT,
    ReportKind.UNSUBSCRIBED: SuppressionReason.UNSUBSCRIBED,
}
SOFT_WINDOW = timedelta(days=30)


def _message(provider_id):
    """The outbox row the event is about, or None."""
    if not provider_id:
        return None
    # Providers write ids with or without angle brackets; ours are stored with them.
    bare = str(provider_id).strip().strip("<>")
    forms = {bare, f"<{bare}>"}
    found = OutboxMessage.objects.filter(provider_id__in=forms).first()
    return found or OutboxMessage.objects.filter(message_id__in=forms).first()


@receiver(tracking)
def on_tracking(sender, event, esp_name, **kwargs):
    kind = KINDS.get(event.event_type)
    address = (event.recipient or "").strip().lower()
    if kind is None or not address:
        return  # opened (not tracked anyway), clicked, queued...
    message = _message(event.message_id)
    detail = str(event.description or event.mta_response or event.reject_reason or "")[:255]
    event_id = str(event.event_id or f"{esp_name}:{event.message_id}:{kind}:{address}")[:255]
    try:
        with transaction.atomic():
            DeliveryReport.objects.create(
                event_id=event_id,
                address=address,
                kind=kind,
                message=message,
                provider=esp_name[:30],
                detail=detail,
            )
    except IntegrityError:
        return  # the provider sent this event before
    if kind == ReportKind.DELIVERED:
        return
    if message is not None and kind == ReportKind.HARD_BOUNCE:
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxStatus.BOUNCED, last_error=detail
        )
    if kind == ReportKind.SOFT_BOUNCE:
        since = timezone.now() - SOFT_WINDOW
        soft = DeliveryReport.objects.filter(
            address=address, kind=ReportKind.SOFT_BOUNCE, reported_at__gte=since
        ).count()
        if soft >= settings.NEWSROOM_SOFT_BOUNCE_LIMIT:
            Suppression.add(address, SuppressionReason.SOFT_BOUNCE, detail)
        return
    Suppression.add(address, SUPPRESS[kind], detail)
    subscriber = Subscriber.objects.filter(email=address).first()
    if subscriber is not None and kind != ReportKind.HARD_BOUNCE:
        account.leave(subscriber)  # they said so: complaints and unsubscribes leave at once
