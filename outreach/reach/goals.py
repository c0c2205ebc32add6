"""How far each SMART goal has come, against the straight line from zero to its target.

One grouped query per goal (its unit, its channel or all, its days so far: at most two
years of daily sums). "Visitors" is the sum of the days' visitors of each item, as the
dashboard counts them (docs/reach.md): a reader of two stories on one day counts twice.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from ..models import DailyReach, ReachGoal
from . import charts

# Goals on one dashboard: the running ones and those ended in the last 90 days.
SHOWN_ENDED_DAYS = 90
MAX_SHOWN = 20


@dataclass
class Progress:
    goal: ReachGoal
    reached: int
    expected: int  # where the straight line stands today
    days_done: int
    days: int
    target_line: str
    reached_line: str

    @property
    def percent(self):
        return min(999, round(100 * self.reached / self.goal.target))

    @property
    def on_track(self):
        return self.reached >= self.expected

    @property
    def started(self):
        return self.days_done > 0


def shown_goals(unit, today=None):
    """The goals of a unit (None: every unit) that are running or ended lately."""
    today = today or timezone.localdate()
    goals = ReachGoal.objects.select_related("unit").filter(
        ends_on__gte=today - timedelta(days=SHOWN_ENDED_DAYS)
    )
    if unit is not None:
        goals = goals.filter(unit=unit)
    return list(goals.order_by("ends_on", "pk")[:MAX_SHOWN])


def daily_sums(goal, until):
    rows = DailyReach.objects.filter(unit=goal.unit_id, day__gte=goal.starts_on, day__lte=until)
    if goal.channel:
        rows = rows.filter(channel=goal.channel)
    return dict(
        rows.values_list("day").annotate(n=Sum(goal.measure)).order_by().values_list("day", "n")
    )


def progress(goal, today=None):
    today = today or timezone.localdate()
    days = (goal.ends_on - goal.starts_on).days + 1
    until = min(today, goal.ends_on)
    days_done = max(0, (until - goal.starts_on).days + 1)
    per_day = daily_sums(goal, until) if days_done else {}
    cumulative, total = [0], 0
    for n in range(days_done):
        total += per_day.get(goal.starts_on + timedelta(days=n), 0)
        cumulative.append(total)
    target_line, reached_line = charts.goal(cumulative, goal.target, days)
    return Progress(
        goal=goal,
        reached=total,
        expected=round(goal.target * days_done / days),
        days_done=days_done,
        days=days,
        target_line=target_line,
        reached_line=reached_line,
    )


def progress_of(unit, today=None):
    return [progress(goal, today) for goal in shown_goals(unit, today)]
