"""What the clock fires, and when: the one list of the newsroom's timed work.

Add a job here (a name, when, a task taking no arguments); the clock does the rest, once
per slot across every server. Times of day are WIB.
"""

from articles.portal.projected import project
from articles.workflow.events import dispatch_events

from ..reach.flush import flush_reach
from ..subscribers import jobs as subscriber_jobs
from . import tasks
from .clock import Daily, Every, Job

JOBS = [
    # Scheduled publications and embargo lifts come due; also the safety net for events
    # whose after-commit dispatch was lost.
    Job("dispatch-events", Every(minutes=1), dispatch_events),
    Job("rescue-tasks", Every(minutes=1), tasks.rescue_tasks),
    Job("sweep-outbox", Every(minutes=1), tasks.sweep_outbox),
    # The beacon's counters become daily reach rows (outreach/reach/flush.py).
    Job("flush-reach", Every(minutes=1), flush_reach),
    # Stored article pages missing or written by an older deployment, a slice a minute.
    Job("store-pages", Every(minutes=1), project),
    Job("prune", Daily(hour=3), tasks.prune),
    # Readers' sign-ups nobody confirmed within 7 days are deleted.
    Job("expire-subscribers", Daily(hour=2), subscriber_jobs.expire_unconfirmed),
    # Subscribers' digests: daily at 07.00 WIB, weekly on Monday at 07.00 WIB.
    Job("daily-digest", Daily(hour=7), subscriber_jobs.daily_digest),
    Job("weekly-digest", Daily(hour=7, weekday=0), subscriber_jobs.weekly_digest),
]
