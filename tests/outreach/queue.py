"""Run what waits in the task queue, in this process, as a worker would."""

from outreach.background.worker import ResilientWorker


def drain():
    """Every task that is due now, one after another, until none is left."""
    ResilientWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test", excluded_queue_names=[],
    ).run()  # fmt: skip
