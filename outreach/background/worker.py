"""The task worker: django-tasks-db's worker, made to survive what production does to it.

Added around the library's loop: a heartbeat (so a killed worker's task is rescued, see
`heartbeat`), and patience with the database. The library's loop raises on any database
error; here a restart or a network cut is waited out with growing pauses, tasks this
worker held are released, and the loop resumes by itself.
"""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.dispatch import receiver
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Worker

from .heartbeat import Heartbeat, release_own

logger = logging.getLogger(__name__)

GIVE_UP_WAITING = 30.0  # seconds between tries, at most, while the database is away


@receiver(task_finished)
def log_failure(sender, task_result, **kwargs):
    """A task that raised is recorded as failed (the queue page shows it) and logged: a
    person should look, so never silent."""
    if task_result.status == "FAILED":
        errors = getattr(task_result, "errors", None) or []
        logger.error(
            "task %s (%s) failed: %s",
            task_result.id,
            task_result.task.module_path,
            errors[-1].exception_class_path if errors else "unknown error",
        )


class ResilientWorker(Worker):
    def run_forever(self):
        heartbeat = Heartbeat(self.worker_id, settings.NEWSROOM_WORKER_BEAT_SECONDS)
        heartbeat.start()
        pause = 1.0
        try:
            while self.running:
                try:
                    self.run()
                    return  # batch or max-tasks finished, or a graceful stop
                except (OperationalError, InterfaceError, DatabaseError) as error:
                    logger.warning(
                        "worker %s: database unavailable (%s); waiting %.0f s",
                        self.worker_id, type(error).__name__, pause,
                    )  # fmt: skip
                    self.running_task = False
                    time.sleep(pause)
                    pause = min(pause * 2, GIVE_UP_WAITING)
                    close_old_connections()
                    self._release()
                    continue
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)

    def _release(self):
        try:
            released = release_own(self.worker_id)
        except DatabaseError:
            return
        if released:
            logger.warning("worker %s released %s task(s) it held", self.worker_id, released)
