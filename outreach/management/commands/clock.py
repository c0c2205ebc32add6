"""`manage.py clock`: fire scheduled jobs when due (safe to run on every server)."""

import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from outreach.background import clock
from outreach.background.schedule import JOBS


class Command(BaseCommand):
    help = "Fire the newsroom's timed jobs (outreach/background/schedule.py) once per slot."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one tick, then exit")

    def handle(self, *args, once, **options):
        if once:
            fired = clock.tick(JOBS)
            self.stdout.write(", ".join(fired) or "nothing due")
            return
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        names = ", ".join(job.name for job in JOBS)
        self.stdout.write(f"clock running: {names}")
        clock.run(
            JOBS,
            settings.NEWSROOM_CLOCK_SECONDS,
            stop=lambda: bool(stopping),
            out=self.stdout.write if options["verbosity"] else None,
        )
