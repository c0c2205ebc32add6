"""Domain events: the one seam between the workflow and what reaches people outside.

The workflow records an event (`emit`) in the transaction of the change it reports; after
commit, and for a scheduled publication when its time comes, `dispatch_due` hands it to
the receivers of `domain_event` (the `outreach` app: staff mail, subscriber alerts, press
distribution). Articles never import those listeners; they only announce.

Guarantees:
- an event exists only if its change committed (same transaction);
- each (item, kind, key) exists once: a database constraint, so a second clock or a
  retried task finds the row and adds nothing;
- each event is dispatched once: claiming it is a conditional UPDATE that only one
  process can win, in the same transaction as the receivers' own writes, so a receiver
  that fails leaves the event waiting for the next attempt instead of half-handled.
Receivers must do bounded work (write rows, enqueue tasks); anything proportional to an
audience belongs in a task they enqueue.
"""

import contextlib
import contextvars
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import task

from ..models import DomainEvent, Status

logger = logging.getLogger(__name__)

# sender: the event kind (a string); kwargs: event (DomainEvent), item (the model instance).
domain_event = Signal()

SUBMITTED = "submitted"
RESUBMITTED = "resubmitted"
SENT_BACK = "sent_back"
APPROVED = "approved"
SCHEDULED = "scheduled"
PUBLISHED = "published"
CORRECTED = "corrected"
WITHDRAWN = "withdrawn"
EMBARGO_LIFTED = "embargo_lifted"

# The transition that announces each kind (for the ones a transition announces directly).
BY_TRANSITION = {
    "submit": SUBMITTED,
    "resubmit": RESUBMITTED,
    "request_changes": SENT_BACK,
    "approve": APPROVED,
    "schedule": SCHEDULED,
    "withdraw": WITHDRAWN,
}

_quiet = contextvars.ContextVar("newsroom_events_quiet", default=False)


@contextlib.contextmanager
def quiet():
    """Changes inside announce nothing: the demo loader's steps concern nobody."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def publication_key(publish_at):
    return f"at:{publish_at.isoformat()}"


def emit(kind, item, *, key, due_at=None, actor=None, data=None):
    """Record `kind` for `item` in the current transaction; a repeat of the key adds nothing."""
    if _quiet.get():
        return None
    now = timezone.now()
    due_at = due_at or now
    content_type = ContentType.objects.get_for_model(item)
    with transaction.atomic():  # a savepoint: a concurrent duplicate cannot break the caller
        event, _created = DomainEvent.objects.get_or_create(
            content_type=content_type,
            object_id=item.pk,
            kind=kind,
            key=key,
            defaults={
                "due_at": due_at,
                "actor_id": getattr(actor, "pk", None),
                "data": data or {},
            },
        )
    if due_at <= now:
        transaction.on_commit(_dispatch_soon)
    return event


def _dispatch_soon():
    try:
        dispatch_events.enqueue()
    except Exception:  # the clock dispatches it within a minute anyway
        logger.exception("could not enqueue event dispatch; the clock will pick it up")


def _still_true(event, item):
    """A scheduled publication that was withdrawn or moved before its time is not news."""
    if item is None:
        return False
    if event.kind == PUBLISHED:
        return (
            item.status == Status.PUBLISHED
            and item.publish_at is not None
            and publication_key(item.publish_at) == event.key
            and type(item).objects.published().filter(pk=item.pk).exists()
        )
    return True


def dispatch_due(now=None, limit=500):
    """Hand every due, undispatched event to the listeners; how many were handled."""
    now = now or timezone.now()
    waiting = list(
        DomainEvent.objects.filter(dispatched_at__isnull=True, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    handled = 0
    for pk in waiting:
        try:
            handled += _dispatch_one(pk)
        except Exception:
            # Left undispatched: the next tick tries again; never silent.
            logger.exception("domain event %s not dispatched; will retry", pk)
    return handled


def _dispatch_one(pk):
    with transaction.atomic():
        claimed = DomainEvent.objects.filter(pk=pk, dispatched_at__isnull=True).update(
            dispatched_at=timezone.now()
        )
        if not claimed:
            return 0  # another process won it
        event = DomainEvent.objects.select_related("content_type").get(pk=pk)
        model = event.content_type.model_class()
        item = model.objects.filter(pk=event.object_id).first() if model else None
        if not _still_true(event, item):
            DomainEvent.objects.filter(pk=pk).update(cancelled=True)
            return 1
        domain_event.send(sender=event.kind, event=event, item=item)
    return 1


@task()
def dispatch_events():
    """The task form of `dispatch_due`, enqueued after each commit that made an event."""
    return dispatch_due()
