"""`python -m tests.outreach.shifted_clock SECONDS`: `manage.py clock` living SECONDS ahead.

For tests with real clock processes that must cross a time of day (07.00 WIB, the daily
digest) now rather than wait for it: Django's `timezone.now` is moved before the clock
command starts, nothing else about the clock changes.
"""

import os
import sys
from datetime import timedelta

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    ahead = timedelta(seconds=float(sys.argv[1]))
    real_now = timezone.now
    timezone.now = lambda: real_now() + ahead
    call_command("clock")
