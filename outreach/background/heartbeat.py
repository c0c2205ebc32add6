"""A worker's heartbeat, and the rescue of tasks whose worker stopped beating.

django-tasks-db marks a claimed task RUNNING and trusts the worker to finish it. A worker
killed with SIGKILL (or the machine under it) never does, and the task would stay RUNNING
forever. Each worker therefore beats every few seconds from a thread of its own, and the
rescuer (a clock job) puts back in the queue every RUNNING task whose worker's beat is
older than `NEWSROOM_WORKER_LOST_AFTER` seconds. Tasks must be idempotent for this, as
they must be for retries: the outbox's tasks are (see `outreach.mail.delivery`).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ..models import WorkerBeat

logger = logging.getLogger(__name__)


def beat(worker_id):
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


class Heartbeat(threading.Thread):
    """Beats until stopped; a database that is away is waited out, not fatal."""

    def __init__(self, worker_id, every):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                close_old_connections()
                beat(self.worker_id)
            except DatabaseError:
                logger.warning("heartbeat of %s not written", self.worker_id, exc_info=True)
            self.stopped.wait(self.every)
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            pass
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()


def rescue(now=None):
    """Put back every RUNNING task whose worker is gone; how many were put back."""
    now = now or timezone.now()
    lost_after = timedelta(seconds=settings.NEWSROOM_WORKER_LOST_AFTER)
    fresh = set(
        WorkerBeat.objects.filter(seen_at__gte=now - lost_after).values_list("worker_id", flat=True)
    )
    rescued = 0
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        owner = task.worker_ids[-1] if task.worker_ids else None
        if owner in fresh or (task.started_at and task.started_at >= now - lost_after):
            continue
        rescued += DBTaskResult.objects.filter(id=task.id, status="RUNNING").update(
            status="READY", started_at=None
        )
        logger.warning("task %s of lost worker %s put back in the queue", task.id, owner)
    return rescued


def release_own(worker_id):
    """After the database came back: tasks this live worker held are not running any more."""
    held = [
        task.id
        for task in DBTaskResult.objects.running().only("id", "worker_ids")
        if task.worker_ids and task.worker_ids[-1] == worker_id
    ]
    return DBTaskResult.objects.filter(id__in=held, status="RUNNING").update(
        status="READY", started_at=None
    )
