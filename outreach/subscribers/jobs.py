"""The subscribers' timed work, as tasks the clock enqueues (outreach/background/schedule.py)."""

from django_tasks import task

from ..models import Frequency
from . import digests, signup


@task()
def expire_unconfirmed():
    """Sign-ups nobody confirmed within 7 days are deleted, consent record and all."""
    signup.expire_unconfirmed()


@task()
def daily_digest():
    """07.00 WIB: yesterday's news for daily subscribers."""
    digests.start(Frequency.DAILY)


@task()
def weekly_digest():
    """Monday 07.00 WIB: the week's news for weekly subscribers."""
    digests.start(Frequency.WEEKLY)
