"""What the worker processes and the clock leave in the database to coordinate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """A worker's heartbeat. A task still marked running by a worker that stopped beating
    was lost with it (SIGKILL, power, OOM), and the rescuer puts it back in the queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("pekerja")
        verbose_name_plural = _("pekerja")

    def __str__(self):
        return f"{self.host}:{self.pid}"


class ClockTick(models.Model):
    """One firing of one scheduled job. The unique pair is what lets a clock run on every
    server: whichever inserts (job, slot) first fires it, every other one gets an
    IntegrityError and fires nothing."""

    job = models.CharField(max_length=80)
    slot = models.CharField(max_length=40)
    fired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("detak jam")
        verbose_name_plural = _("detak jam")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_tick_per_slot")]

    def __str__(self):
        return f"{self.job} @ {self.slot}"
