"""The queue's line in /readyz: has work waited ten minutes while nothing moved?

Reported, not failed: a stalled queue is not a reason for a balancer to take a web
server out of rotation (every server would go at once); it is a reason to wake someone.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

STALLED_AFTER = timedelta(minutes=10)


def check():
    now = timezone.now()
    cutoff = now - STALLED_AFTER
    waiting = DBTaskResult.objects.filter(status="READY").filter(
        Q(run_after=get_date_max(), enqueued_at__lte=cutoff) | Q(run_after__lte=cutoff)
    )
    if not waiting.exists():
        return "ok"
    moved = DBTaskResult.objects.filter(
        Q(started_at__gte=cutoff) | Q(finished_at__gte=cutoff)
    ).exists()
    if moved:
        return "ok"
    return "stalled: work has waited over 10 minutes and no task ran"
