"""Reach counts: daily rows per item, language and channel, and the last hour by minute.

The flush (outreach/reach/flush.py) is the only writer. A row holds sums, never a view:
no time finer than the day (the minute rows hold only a unit's total per channel, and are
dropped after two hours), no address, no browser string, no visitor hash.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyReach(models.Model):
    day = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=10)
    # The article's, event's or unit's id; 0 for a list page, named by `list_name`.
    object_id = models.PositiveIntegerField(_("id"), default=0)
    list_name = models.CharField(_("halaman daftar"), max_length=20, blank=True)
    language = models.CharField(_("bahasa"), max_length=8)
    channel = models.CharField(_("saluran"), max_length=16)
    # The item's unit when it was counted (list pages other than a unit's have none).
    unit = models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    views = models.PositiveIntegerField(_("dilihat"), default=0)
    visitors = models.PositiveIntegerField(_("pengunjung unik"), default=0)

    class Meta:
        verbose_name = _("jangkauan harian")
        verbose_name_plural = _("jangkauan harian")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "object_id", "list_name", "language", "channel"],
                name="reach_daily_one_row",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "day"], name="reach_daily_unit_day"),
            models.Index(fields=["day"], name="reach_daily_day"),
            models.Index(fields=["kind", "object_id"], name="reach_daily_item"),
        ]

    def __str__(self):
        return f"{self.day} {self.kind} {self.object_id or self.list_name} {self.channel}"


class MinuteReach(models.Model):
    """Views per minute, unit and channel for "the last 30 minutes"; kept two hours."""

    minute = models.DateTimeField(_("menit"))
    unit = models.ForeignKey(
        "units.WorkUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("saluran"), max_length=16)
    views = models.PositiveIntegerField(_("dilihat"), default=0)

    class Meta:
        indexes = [models.Index(fields=["minute"], name="reach_minute_at")]

    def __str__(self):
        return f"{self.minute:%H:%M} {self.channel}: {self.views}"


class FlushedBucket(models.Model):
    """A minute's counters already moved into rows: a retried flush never adds them twice."""

    name = models.CharField(max_length=40, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
