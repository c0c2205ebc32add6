"""What a subscriber does on their own page: change, leave, take their data, delete it."""

from django.db import transaction
from django.utils import timezone

from ..models import OutboxMessage, OutboxStatus

BULK_KINDS = ("subscriber_alert", "subscriber_digest", "subscriber_notice")


def _cancel_waiting(subscriber):
    """Mail still waiting for this subscriber is not sent after they left."""
    OutboxMessage.objects.filter(
        recipient=subscriber.email,
        kind__in=BULK_KINDS,
        status__in=[OutboxStatus.QUEUED, OutboxStatus.DEFERRED],
    ).update(status=OutboxStatus.FAILED, last_error="unsubscribed")


@transaction.atomic
def leave(subscriber, kind=None, key=None):
    """Stop following one scope, or everything when no scope is named. At once."""
    following = subscriber.subscriptions.all()
    if kind is not None:
        following = following.filter(kind=kind, key=key or "")
    following.delete()
    if not subscriber.subscriptions.exists():
        _cancel_waiting(subscriber)


@transaction.atomic
def change(subscriber, keep, frequency, language):
    """Keep only the scopes in `keep` [(kind, key)], with a new frequency and language."""
    wanted = set(keep)
    for row in subscriber.subscriptions.all():
        if (row.kind, row.key) not in wanted:
            row.delete()
    subscriber.frequency = frequency
    subscriber.language = language
    subscriber.save(update_fields=["frequency", "language"])
    if not subscriber.subscriptions.exists():
        _cancel_waiting(subscriber)


def export(subscriber):
    """Everything kept about the subscriber, as the JSON they download."""
    sent = OutboxMessage.objects.filter(recipient=subscriber.email, kind__startswith="subscriber_")
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "frequency": subscriber.frequency,
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "consent": {
            "at": subscriber.consent_at.isoformat(),
            "page": subscriber.consent_page,
            "text": subscriber.consent_text,
        },
        "subscriptions": [
            {"kind": row.kind, "key": row.key, "since": row.created_at.isoformat()}
            for row in subscriber.subscriptions.order_by("pk")
        ],
        "mails": [
            {"subject": subject, "status": status, "queued_at": at.isoformat()}
            for subject, status, at in sent.order_by("pk").values_list(
                "subject", "status", "created_at"
            )[:10_000]
        ],
        "exported_at": timezone.now().isoformat(),
    }


@transaction.atomic
def delete_everything(subscriber):
    """The subscriber, their choices, what they were sent and the mails themselves."""
    OutboxMessage.objects.filter(
        recipient=subscriber.email, kind__startswith="subscriber_"
    ).delete()
    subscriber.delete()
