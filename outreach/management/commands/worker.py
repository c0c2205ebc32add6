"""`manage.py worker`: run background tasks (one per app server in production)."""

import os

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from outreach.background.worker import ResilientWorker


class Command(BaseCommand):
    help = "Run tasks from the queue until stopped (SIGTERM finishes the current task first)."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default", help="comma-separated, or *")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default=None)
        parser.add_argument(
            "--nice", type=int, default=10,
            help="lower the worker's CPU priority by this much: pages come before mail",
        )  # fmt: skip

    def handle(self, *args, queue_name, interval, batch, max_tasks, worker_id, nice, **options):
        # The worker shares its server with gunicorn: a send of ten thousand mails must not
        # slow the pages readers are waiting for (the article p99 during a send stays
        # within twice its idle value, docs/performance.md; at the same priority it does not).
        os.nice(max(0, nice))
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        if options["verbosity"]:
            self.stdout.write(f"worker {worker.worker_id} waiting for tasks")
        worker.run_forever()
