"""The clock: fires each scheduled job once per slot, however many clocks run.

Each job names its slots (every minute; a time of day in WIB; a weekday and a time). The
clock wakes every few seconds and, for each job whose current slot has come, inserts a
`ClockTick(job, slot)`. The unique constraint lets exactly one insert succeed across all
clocks on all servers; only that clock enqueues the job's task. A clock that was down at
07.00 fires the 07.00 job when it comes back the same day, once.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.utils import timezone

from ..models import ClockTick

logger = logging.getLogger(__name__)


def local(now):
    return timezone.localtime(now, ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class Every:
    """Every `minutes` minutes, on the wall clock's minute boundaries."""

    minutes: int = 1

    def slot(self, now):
        moment = now.astimezone(ZoneInfo("UTC"))
        minute = (moment.hour * 60 + moment.minute) // self.minutes * self.minutes
        return f"{moment:%Y-%m-%d}T{minute // 60:02d}:{minute % 60:02d}Z"


@dataclass(frozen=True)
class Daily:
    """Once a day at hour:minute local time (WIB), or once a week on `weekday` (0 = Monday)."""

    hour: int
    minute: int = 0
    weekday: int | None = None

    def slot(self, now):
        moment = local(now)
        if self.weekday is not None and moment.weekday() != self.weekday:
            return None
        if (moment.hour, moment.minute) < (self.hour, self.minute):
            return None
        return f"{moment:%Y-%m-%d}"


@dataclass(frozen=True)
class Job:
    name: str
    when: object
    task: object  # a django-tasks Task, enqueued with no arguments

    def fire(self):
        return self.task.enqueue()


def tick(jobs, now=None):
    """Fire every job whose slot has come and that no clock fired yet; the names fired."""
    now = now or timezone.now()
    fired = []
    for job in jobs:
        slot = job.when.slot(now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                ClockTick.objects.create(job=job.name, slot=slot)
                job.fire()
        except IntegrityError:
            continue  # another clock fired this slot
        fired.append(job.name)
    return fired


def run(jobs, interval, stop=lambda: False, out=None):
    """Tick every `interval` seconds until `stop()`; a database outage is waited out."""
    while not stop():
        close_old_connections()
        try:
            fired = tick(jobs)
        except DatabaseError:
            logger.warning("clock: database unavailable; trying again", exc_info=True)
        else:
            if fired and out is not None:
                out(f"{datetime.now():%H:%M:%S} {', '.join(fired)}")
        time.sleep(interval)


def prune(days=7):
    return ClockTick.objects.filter(fired_at__lt=timezone.now() - timedelta(days=days)).delete()[0]
