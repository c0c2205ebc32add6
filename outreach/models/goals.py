"""A unit's SMART goal for its reach: what, how many, by when, and why it matters.

Specific (one channel or all, views or unique visitors of the unit's items), measurable
(a target number), time-bound (start and end dates), relevant (a note on why). A goal
without a number or an end date, with a target below one or beyond what a unit's news
could bring, or ending before it starts, is refused by `clean()`, which the admin form
runs. Progress is read from the daily rows (`outreach/reach/goals.py`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..reach.channels import LABELS

# Beyond this a target is a typo (the whole site of a ministry sees a few million a year).
MAX_TARGET = 50_000_000
# A goal's span: a SMART goal is reviewed at least every two years.
MAX_DAYS = 2 * 366


class GoalMeasure(models.TextChoices):
    VIEWS = "views", _("dilihat")
    VISITORS = "visitors", _("pengunjung unik")


class ReachGoal(models.Model):
    unit = models.ForeignKey(
        "units.WorkUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    # Blank: every channel together.
    channel = models.CharField(
        _("saluran"),
        max_length=16,
        blank=True,
        choices=[("", _("Semua saluran")), *LABELS.items()],
    )
    measure = models.CharField(
        _("ukuran"), max_length=10, choices=GoalMeasure.choices, default=GoalMeasure.VIEWS
    )
    target = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1), MaxValueValidator(MAX_TARGET)]
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    why = models.TextField(_("mengapa penting"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("target jangkauan")
        verbose_name_plural = _("target jangkauan")
        ordering = ["-ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="reach_goal_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(target__gte=1), name="reach_goal_target_positive"
            ),
        ]

    def __str__(self):
        return f"{self.unit}: {self.target} {self.get_measure_display()} ({self.ends_on})"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("Tanggal selesai sebelum tanggal mulai.")})
            if self.ends_on - self.starts_on > timedelta(days=MAX_DAYS):
                raise ValidationError(
                    {
                        "ends_on": _(
                            "Sebuah target paling lama dua tahun; tinjau lalu buat yang baru."
                        )
                    }
                )
