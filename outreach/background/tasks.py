"""The queue's own housekeeping, as tasks the clock enqueues."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from ..mail import delivery
from ..models import OutboxMessage, OutboxStatus, WorkerBeat
from . import clock, heartbeat


@task()
def rescue_tasks():
    """Tasks held by a worker that died go back in the queue."""
    return heartbeat.rescue()


@task()
def sweep_outbox():
    """Outbox rows whose delivery task was lost get a new one."""
    return delivery.sweep()


@task()
def prune():
    """Old results, ticks, beats and delivered mail leave the database.

    Finished task results after `NEWSROOM_TASK_RESULT_DAYS`; sent mail after
    `NEWSROOM_OUTBOX_KEEP_DAYS` (it holds people's addresses: kept only as long as a
    question about a delivery is likely).
    """
    now = timezone.now()
    results = DBTaskResult.objects.finished().filter(
        finished_at__lt=now - timedelta(days=settings.NEWSROOM_TASK_RESULT_DAYS)
    )
    mail = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.BOUNCED],
        created_at__lt=now - timedelta(days=settings.NEWSROOM_OUTBOX_KEEP_DAYS),
    )
    return {
        "results": results.delete()[0],
        "outbox": mail.delete()[0],
        "ticks": clock.prune(),
        "beats": WorkerBeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()[0],
    }
