"""Run what waits in the task queue, in this process, as a worker would."""

from unittest import mock

from outreach.background.worker import ResilientWorker


def drain():
    """Every task that is due now, one after another, until none is left.

    In this process the worker shares the test's database connection, often inside the
    test's transaction; the loop's connection housekeeping would close it (Django drops a
    connection found outside autocommit), so it is left out here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        ResilientWorker(
            queue_names=["default"], interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id="test", excluded_queue_names=[],
        ).run()  # fmt: skip
