"""The subscribers' timed work, as tasks the clock enqueues (outreach/background/schedule.py)."""

from django_tasks import task

from . import signup


@task()
def expire_unconfirmed():
    """Sign-ups nobody confirmed within 7 days are deleted, consent record and all."""
    signup.expire_unconfirmed()
